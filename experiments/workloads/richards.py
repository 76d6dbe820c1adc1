# Richards: Martin Richards' simulation of an operating system's task scheduler,
# the classic benchmark of method calls, attribute access and small objects. Six
# tasks (one idle, one worker, two handlers, two devices) pass packets through
# queues; a task runs when it holds the highest priority among the runnable ones.
# One run of the standard size queues 23246 packets and holds 9297 times. Prints
# those counts for each iteration and a checksum.
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 0, 1, 2, 3, 4, 5
KIND_DEVICE, KIND_WORK = 0, 1
BUFFER_SIZE = 4

# A task's state is three bits: a packet is waiting in its queue, the task waits
# for a packet, the task is held (suspended until released).
PACKET_PENDING = 1
WAITING = 2
HELD = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        """Put this packet at the end of queue; return the queue's new head."""
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Task:
    def __init__(self, scheduler, ident, priority, queue, state):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.state = state
        self.link = scheduler.tasks_head
        scheduler.tasks_head = self
        scheduler.table[ident] = self

    def runnable(self):
        return self.state & (WAITING | HELD) == 0 or self.state == WAITING | PACKET_PENDING

    def take_packet(self):
        packet = self.queue
        self.queue = packet.link
        self.state = PACKET_PENDING if self.queue is not None else 0
        return packet

    def receive(self, packet, current):
        """packet arrives in this task's queue; return the task to run next."""
        if self.queue is None:
            self.queue = packet
            self.state |= PACKET_PENDING
            if self.priority > current.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current


class IdleTask(Task):
    def __init__(self, scheduler, count):
        Task.__init__(self, scheduler, IDLE, 0, None, 0)
        self.control = 1
        self.count = count

    def run(self, packet):
        s = self.scheduler
        self.count -= 1
        if self.count == 0:
            return s.hold_self()
        if self.control & 1 == 0:
            self.control = self.control >> 1
            return s.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return s.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, scheduler, queue):
        super().__init__(scheduler, WORKER, 1000, queue, WAITING | PACKET_PENDING)
        self.destination = HANDLER_A
        self.letter = 0

    def run(self, packet):
        s = self.scheduler
        if packet is None:
            return s.wait()
        self.destination = HANDLER_A + HANDLER_B - self.destination
        packet.ident = self.destination
        packet.datum = 0
        for i in range(BUFFER_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            packet.data[i] = self.letter
        return s.queue_packet(packet)


class HandlerTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue, WAITING | PACKET_PENDING)
        self.work = None
        self.devices = None

    def run(self, packet):
        s = self.scheduler
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        work = self.work
        if work is not None:
            count = work.datum
            if count >= BUFFER_SIZE:
                self.work = work.link
                return s.queue_packet(work)
            device = self.devices
            if device is not None:
                self.devices = device.link
                device.datum = work.data[count]
                work.datum = count + 1
                return s.queue_packet(device)
        return s.wait()


class DeviceTask(Task):
    def __init__(self, scheduler, ident, priority):
        super().__init__(scheduler, ident, priority, None, WAITING)
        self.pending = None

    def run(self, packet):
        s = self.scheduler
        if packet is None:
            pending = self.pending
            if pending is None:
                return s.wait()
            self.pending = None
            return s.queue_packet(pending)
        self.pending = packet
        return s.hold_self()


class Scheduler:
    def __init__(self):
        self.tasks_head = None
        self.table = [None] * 6
        self.current = None
        self.queued = 0
        self.held = 0

    def wait(self):
        self.current.state |= WAITING
        return self.current

    def hold_self(self):
        self.held += 1
        self.current.state |= HELD
        return self.current.link

    def release(self, ident):
        task = self.table[ident]
        task.state &= ~HELD
        if task.priority > self.current.priority:
            return task
        return self.current

    def queue_packet(self, packet):
        task = self.table[packet.ident]
        self.queued += 1
        packet.link = None
        packet.ident = self.current.ident
        return task.receive(packet, self.current)

    def schedule(self):
        task = self.tasks_head
        while task is not None:
            if task.runnable():
                packet = None
                if task.state == WAITING | PACKET_PENDING:
                    packet = task.take_packet()
                self.current = task
                task = task.run(packet)
            else:
                task = task.link


def run_once(count):
    s = Scheduler()
    IdleTask(s, count)
    work = Packet(None, 0, KIND_WORK)
    work = Packet(work, 0, KIND_WORK)
    WorkerTask(s, work)
    for handler, device, priority in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        queue = Packet(None, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        HandlerTask(s, handler, priority, queue)
    DeviceTask(s, DEVICE_A, 4000)
    DeviceTask(s, DEVICE_B, 5000)
    s.schedule()
    return s.queued, s.held


def main(iterations, count):
    checksum = 0
    for i in range(iterations):
        queued, held = run_once(count)
        print(f"iteration {i}: {queued} packets queued, {held} holds")
        checksum = (checksum * 31 + queued * 7 + held) % 1000000007
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 10, 10000)

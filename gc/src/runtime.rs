//! How the heap calls back into the language runtime, without knowing it.
//!
//! Finalizers (`__del__`), weakref callbacks and `gc.callbacks` are Python code, which
//! only the VM can run. The heap calls them through [`Runtime`], a trait the VM
//! implements; `gc` never depends on `vm`. A call that raises returns the exception
//! object; the heap hands it back through [`Runtime::unraisable`] with what raised it
//! (CPython's `PyErr_WriteUnraisable`: `Exception ignored in: ...`) and carries on.

use crate::object::ObjRef;

/// When a `gc.callbacks` entry is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Before a collection ("start").
    Start,
    /// After it ("stop").
    Stop,
}

impl Phase {
    /// The phase as Python's `gc.callbacks` sees it.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Start => "start",
            Phase::Stop => "stop",
        }
    }
}

/// What `gc.callbacks` entries are told (`info` in CPython).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackInfo {
    /// The generation being collected.
    pub generation: usize,
    /// Objects collected (0 at "start").
    pub collected: usize,
    /// Objects found uncollectable (0 at "start").
    pub uncollectable: usize,
}

/// What raised an exception the heap could not pass to any caller.
#[derive(Clone, Copy, Debug)]
pub enum Unraisable<'a> {
    /// The finalizer (`__del__`) of this object.
    Finalizer(&'a ObjRef),
    /// This weakref callback.
    WeakrefCallback(&'a ObjRef),
    /// A `gc.callbacks` entry, in this phase.
    GcCallback(Phase),
}

/// The outcome of calling into the runtime: `Err` carries the exception raised.
pub type Outcome = Result<(), ObjRef>;

/// The language runtime, as the heap sees it.
pub trait Runtime {
    /// Run `obj`'s finalizer (`tp_finalize`, a class's `__del__`). The object is alive
    /// during the call and may be resurrected by it (a new reference stored somewhere).
    fn finalize(&self, obj: &ObjRef) -> Outcome;

    /// Report an exception nothing can catch (CPython's `PyErr_WriteUnraisable`, which
    /// prints `Exception ignored in: ...` and a traceback). By default, nothing.
    fn unraisable(&self, context: Unraisable<'_>, exception: ObjRef) {
        let _ = (context, exception);
    }

    /// With `DEBUG_SAVEALL`, keep an unreachable object in `gc.garbage` instead of
    /// letting the collector free it. A runtime with no `gc.garbage` keeps nothing.
    fn save_garbage(&self, obj: &ObjRef) {
        let _ = obj;
    }

    /// Call a weakref's callback with the weakref (the referent has died).
    fn weakref_callback(&self, callback: &ObjRef, weakref: &ObjRef) -> Outcome {
        let _ = (callback, weakref);
        Ok(())
    }

    /// Call the `gc.callbacks` entries, before and after every collection (CPython's
    /// `invoke_gc_callback`). A runtime without `gc.callbacks` does nothing.
    fn gc_callbacks(&self, phase: Phase, info: CallbackInfo) -> Outcome {
        let _ = (phase, info);
        Ok(())
    }

    /// Write one line of `gc.set_debug` output (without its newline) where CPython
    /// writes it: `sys.stderr`. By default, the process's standard error.
    fn debug_line(&self, line: &str) {
        eprintln!("{line}");
    }
}

/// A runtime with no finalizers: for a heap used without a VM.
pub struct NoRuntime;

impl Runtime for NoRuntime {
    fn finalize(&self, _obj: &ObjRef) -> Outcome {
        Ok(())
    }
}

/// Call into the runtime; report what it raises.
pub(crate) fn report(runtime: &dyn Runtime, context: Unraisable<'_>, outcome: Outcome) {
    if let Err(exception) = outcome {
        runtime.unraisable(context, exception);
    }
}

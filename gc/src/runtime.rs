//! How the heap calls back into the language runtime, without knowing it.
//!
//! Finalizers (`__del__`), weakref callbacks and `gc.callbacks` are Python code, which
//! only the VM can run. The heap calls them through [`Runtime`], a trait the VM
//! implements; `gc` never depends on `vm`. A runtime reports its own errors (CPython
//! prints `Exception ignored in: ...` and carries on), so these calls cannot fail.

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

/// The language runtime, as the heap sees it.
pub trait Runtime {
    /// Run `obj`'s finalizer (`tp_finalize`, a class's `__del__`). The object is alive
    /// during the call and may be resurrected by it (a new reference stored somewhere).
    fn finalize(&self, obj: &ObjRef);

    /// With `DEBUG_SAVEALL`, keep an unreachable object in `gc.garbage` instead of
    /// letting the collector free it. A runtime with no `gc.garbage` keeps nothing.
    fn save_garbage(&self, obj: &ObjRef) {
        let _ = obj;
    }

    /// Call a weakref's callback with the weakref (the referent has died). Errors are
    /// the runtime's to report (`Exception ignored in: <callback>`).
    fn weakref_callback(&self, callback: &ObjRef, weakref: &ObjRef) {
        let _ = (callback, weakref);
    }

    /// Call the `gc.callbacks` entries, before and after every collection (CPython's
    /// `invoke_gc_callback`). A runtime without `gc.callbacks` does nothing.
    fn gc_callbacks(&self, phase: Phase, info: CallbackInfo) {
        let _ = (phase, info);
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
    fn finalize(&self, _obj: &ObjRef) {}
}

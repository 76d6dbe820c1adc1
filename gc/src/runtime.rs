//! How the heap calls back into the language runtime, without knowing it.
//!
//! Finalizers (`__del__`), weakref callbacks and `gc.callbacks` are Python code, which
//! only the VM can run. The heap calls them through [`Runtime`], a trait the VM
//! implements; `gc` never depends on `vm`. A runtime reports its own errors (CPython
//! prints `Exception ignored in: ...` and carries on), so these calls cannot fail.

use crate::object::ObjRef;

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
}

/// A runtime with no finalizers: for a heap used without a VM.
pub struct NoRuntime;

impl Runtime for NoRuntime {
    fn finalize(&self, _obj: &ObjRef) {}
}

//! Size classes: how a request size maps to the block size that serves it.
//!
//! heaplab uses CPython 3.11's small-object classes everywhere a strategy rounds sizes:
//! requests of 1..=512 bytes fall into 32 classes 16 bytes apart (class `i` serves
//! blocks of `(i + 1) * 16` bytes), so every block is 16-byte aligned. Larger requests
//! are "large" and leave the small-object machinery. The statistics histogram extends
//! the table with power-of-two buckets for large requests, so one histogram describes
//! every strategy.

/// Alignment of every small block, in bytes (CPython's `ALIGNMENT`).
pub const ALIGNMENT: usize = 16;
/// log2 of [`ALIGNMENT`].
pub const ALIGNMENT_SHIFT: u32 = 4;
/// The largest request served from a size class (CPython's `SMALL_REQUEST_THRESHOLD`).
pub const SMALL_REQUEST_THRESHOLD: usize = 512;
/// Number of small size classes (CPython's `NB_SMALL_SIZE_CLASSES`).
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;

/// Number of large-request buckets in the histogram: (512, 1 KiB], (1 KiB, 2 KiB], …,
/// (512 KiB, 1 MiB], and a last one for everything above 1 MiB.
pub const NB_LARGE_BUCKETS: usize = 12;
/// Total number of histogram buckets: the small classes, then the large buckets.
pub const HISTOGRAM_BUCKETS: usize = NB_SMALL_SIZE_CLASSES + NB_LARGE_BUCKETS;

/// The size class index serving a small request of `size` bytes (`1..=512`; a zero-byte
/// request is served as one byte, as by CPython's `_PyObject_Malloc`'s callers).
#[inline(always)]
pub const fn size_class(size: usize) -> usize {
    debug_assert!(size <= SMALL_REQUEST_THRESHOLD);
    size.saturating_sub(1) >> ALIGNMENT_SHIFT
}

/// Block size in bytes of size class `idx` (CPython's `INDEX2SIZE`).
#[inline(always)]
pub const fn class_size(idx: usize) -> usize {
    (idx + 1) << ALIGNMENT_SHIFT
}

/// Whether a request of this size and alignment is served from a small size class.
#[inline(always)]
pub const fn is_small(size: usize, align: usize) -> bool {
    size <= SMALL_REQUEST_THRESHOLD && align <= ALIGNMENT
}

/// The histogram bucket of a request of `size` bytes.
#[inline(always)]
pub fn histogram_bucket(size: usize) -> usize {
    if size <= SMALL_REQUEST_THRESHOLD {
        size_class(size)
    } else {
        // (512, 1024] -> 0, (1024, 2048] -> 1, ...
        let log = usize::BITS - (size - 1).leading_zeros(); // ceil(log2(size))
        let bucket = (log as usize).saturating_sub(10);
        NB_SMALL_SIZE_CLASSES + bucket.min(NB_LARGE_BUCKETS - 1)
    }
}

/// A human-readable label for histogram bucket `bucket`: the largest size it holds, or
/// `>1M` for the last.
pub fn bucket_label(bucket: usize) -> String {
    if bucket < NB_SMALL_SIZE_CLASSES {
        class_size(bucket).to_string()
    } else if bucket + 1 < HISTOGRAM_BUCKETS {
        let bytes = 1usize << (bucket - NB_SMALL_SIZE_CLASSES + 10);
        if bytes >= 1 << 20 {
            format!("{}M", bytes >> 20)
        } else {
            format!("{}K", bytes >> 10)
        }
    } else {
        ">1M".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_round_up_to_sixteen() {
        assert_eq!(size_class(0), 0);
        assert_eq!(size_class(1), 0);
        assert_eq!(size_class(16), 0);
        assert_eq!(size_class(17), 1);
        assert_eq!(size_class(512), 31);
        for size in 1..=SMALL_REQUEST_THRESHOLD {
            let c = class_size(size_class(size));
            assert!(
                c >= size && c - size < ALIGNMENT,
                "size {size} -> block {c}"
            );
        }
    }

    #[test]
    fn histogram_buckets_cover_every_size() {
        assert_eq!(histogram_bucket(512), 31);
        assert_eq!(histogram_bucket(513), 32);
        assert_eq!(histogram_bucket(1024), 32);
        assert_eq!(histogram_bucket(1025), 33);
        assert_eq!(histogram_bucket(1 << 20), HISTOGRAM_BUCKETS - 2);
        assert_eq!(histogram_bucket((1 << 20) + 1), HISTOGRAM_BUCKETS - 1);
        assert_eq!(histogram_bucket(usize::MAX), HISTOGRAM_BUCKETS - 1);
        assert_eq!(bucket_label(0), "16");
        assert_eq!(bucket_label(32), "1K");
        assert_eq!(bucket_label(HISTOGRAM_BUCKETS - 2), "1M");
        assert_eq!(bucket_label(HISTOGRAM_BUCKETS - 1), ">1M");
    }
}

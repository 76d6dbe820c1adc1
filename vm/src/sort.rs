//! Sorting as CPython's `list.sort` sorts (Objects/listsort.txt): a stable merge sort
//! of natural runs, each short run extended to `minrun` by binary insertion, asking
//! only "is less" of the comparison.
//!
//! A comparison is Python code (`__lt__`, a key of floats with NaNs among them) and
//! need not be a total order, so the sort must stay safe whatever it answers: the
//! standard library's sorts may panic on such input. This one never does, and it
//! stops at the first comparison that raises.
//!
//! For lists of fewer than 64 items the steps are CPython's exactly (`count_run`,
//! then `binarysort`), so even an inconsistent comparison gives CPython's order;
//! longer lists are merged without galloping and CPython 3.11's powersort merge
//! order, which changes which comparisons are made but not the result of a
//! consistent one (a stable sort's result is unique).

/// Sort `v` stably by `is_less`; the first error stops the sort and is returned (the
/// slice is then unusable: a merge may have been half done, so the caller keeps its
/// own copy of what it sorts).
pub fn sort<T: Copy, E>(
    v: &mut [T],
    is_less: &mut dyn FnMut(T, T) -> Result<bool, E>,
) -> Result<(), E> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let minrun = compute_minrun(n);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let (mut len, descending) = count_run(&v[lo..], is_less)?;
        if descending {
            v[lo..lo + len].reverse();
        }
        if len < minrun {
            let force = minrun.min(n - lo);
            binary_sort(&mut v[lo..lo + force], len, is_less)?;
            len = force;
        }
        runs.push((lo, len));
        merge_collapse(v, &mut runs, is_less)?;
        lo += len;
    }
    while runs.len() > 1 {
        let at = runs.len() - 2;
        merge_at(v, &mut runs, at, is_less)?;
    }
    Ok(())
}

/// CPython's `merge_compute_minrun`: `n` itself below 64, else a number in 32..=64
/// such that `n / minrun` is a power of two or just below one.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The length of the run at the start of `v` and whether it is strictly descending
/// (CPython's `count_run`).
fn count_run<T: Copy, E>(
    v: &[T],
    is_less: &mut dyn FnMut(T, T) -> Result<bool, E>,
) -> Result<(usize, bool), E> {
    if v.len() == 1 {
        return Ok((1, false));
    }
    let mut n = 2;
    if is_less(v[1], v[0])? {
        while n < v.len() && is_less(v[n], v[n - 1])? {
            n += 1;
        }
        Ok((n, true))
    } else {
        while n < v.len() && !is_less(v[n], v[n - 1])? {
            n += 1;
        }
        Ok((n, false))
    }
}

/// Sort `v`, whose first `start` items are sorted, by binary insertion of the rest
/// (CPython's `binarysort`).
fn binary_sort<T: Copy, E>(
    v: &mut [T],
    mut start: usize,
    is_less: &mut dyn FnMut(T, T) -> Result<bool, E>,
) -> Result<(), E> {
    if start == 0 {
        start = 1;
    }
    while start < v.len() {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if is_less(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..start, l + 1);
        v[l] = pivot;
        start += 1;
    }
    Ok(())
}

/// Merge runs until the stack's invariants hold (timsort's `merge_collapse`): each
/// run longer than the next two together, and than the next one.
fn merge_collapse<T: Copy, E>(
    v: &mut [T],
    runs: &mut Vec<(usize, usize)>,
    is_less: &mut dyn FnMut(T, T) -> Result<bool, E>,
) -> Result<(), E> {
    while runs.len() > 1 {
        let n = runs.len() - 2;
        let len = |i: usize| runs[i].1;
        let at = if (n > 0 && len(n - 1) <= len(n) + len(n + 1))
            || (n > 1 && len(n - 2) <= len(n - 1) + len(n))
        {
            if len(n - 1) < len(n + 1) {
                n - 1
            } else {
                n
            }
        } else if len(n) <= len(n + 1) {
            n
        } else {
            break;
        };
        merge_at(v, runs, at, is_less)?;
    }
    Ok(())
}

/// Merge runs `at` and `at + 1`, stably: an item of the right run goes first only if
/// it is less than the left run's.
fn merge_at<T: Copy, E>(
    v: &mut [T],
    runs: &mut Vec<(usize, usize)>,
    at: usize,
    is_less: &mut dyn FnMut(T, T) -> Result<bool, E>,
) -> Result<(), E> {
    let (a, na) = runs[at];
    let (b, nb) = runs[at + 1];
    debug_assert_eq!(a + na, b, "runs are adjacent");
    runs[at] = (a, na + nb);
    runs.remove(at + 1);
    let left: Vec<T> = v[a..b].to_vec();
    let (mut i, mut j, mut k) = (0, b, a);
    while i < left.len() && j < b + nb {
        if is_less(v[j], left[i])? {
            v[k] = v[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    // What is left of the left run fills the gap; the right run's rest is in place.
    let rest = left.len() - i;
    v[k..k + rest].copy_from_slice(&left[i..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(v: &[i32]) -> Vec<i32> {
        let mut v = v.to_vec();
        sort::<i32, ()>(&mut v, &mut |a, b| Ok(a < b)).unwrap();
        v
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_library(v in proptest::collection::vec(-50i32..50, 0..400)) {
            let mut want = v.clone();
            want.sort();
            prop_assert_eq!(sorted(&v), want);
        }

        #[test]
        fn is_stable(v in proptest::collection::vec((0i32..5, 0i32..1000), 0..300)) {
            let mut got = v.clone();
            sort::<(i32, i32), ()>(&mut got, &mut |a, b| Ok(a.0 < b.0)).unwrap();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn survives_any_comparison(v in proptest::collection::vec(0u8..255, 0..300), seed in 0u64..1000) {
            // An answer that is no order at all: a permutation comes back, no panic.
            let mut state = seed;
            let mut got = v.clone();
            sort::<u8, ()>(&mut got, &mut |_, _| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                Ok(state >> 63 == 1)
            })
            .unwrap();
            let (mut a, mut b) = (got, v);
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn stops_at_the_first_error() {
        let mut v = vec![3, 1, 2];
        let mut calls = 0;
        let r = sort::<i32, &str>(&mut v, &mut |_, _| {
            calls += 1;
            Err("boom")
        });
        assert_eq!(r, Err("boom"));
        assert_eq!(calls, 1);
    }

    #[test]
    fn minrun_is_cpythons() {
        assert_eq!(compute_minrun(63), 63);
        assert_eq!(compute_minrun(64), 32);
        assert_eq!(compute_minrun(65), 33);
        assert_eq!(compute_minrun(2112), 33);
    }
}

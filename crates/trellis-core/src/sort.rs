//! One shared sort for the engine's lists, so that the browser bundle carries one copy of
//! the sort code rather than one per element type and comparison (each `sort_by` on a new
//! type is compiled anew).

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`: the same result as `items.sort_by(cmp)`.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The one non-generic sort behind [`sort_by`]. It is stable and the indices start in
/// order, so equal items keep their order.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Sorts bytes (level choices) in ascending order by counting them.
pub(crate) fn sort_bytes(values: &mut [u8]) {
    let mut counts = [0usize; 256];
    for v in values.iter() {
        counts[usize::from(*v)] += 1;
    }
    let mut slots = values.iter_mut();
    for (value, count) in (0..=u8::MAX).zip(counts) {
        for slot in slots.by_ref().take(count) {
            *slot = value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        let pairs: Vec<(u8, usize)> = (0..200).map(|i| ((i * 37 % 11) as u8, i)).collect();
        let mut ours = pairs.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = pairs;
        std.sort_by_key(|a| a.0);
        assert_eq!(ours, std);
    }

    #[test]
    fn bytes_in_ascending_order() {
        let mut values = vec![5, 1, 255, 0, 3, 3, 1];
        sort_bytes(&mut values);
        assert_eq!(values, vec![0, 1, 1, 3, 3, 5, 255]);
    }
}

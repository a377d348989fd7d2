//! Splitting a long list into pages: which page is shown and which rows are on it.

use serde::{Deserialize, Serialize};

/// Where a page sits in a list: page `page` of `pages`, rows `first`–`last` of `total`
/// (1-based; both 0 when the list is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    pub page: usize,
    pub pages: usize,
    pub first: usize,
    pub last: usize,
    pub total: usize,
}

impl Paging {
    /// The page `requested` (1-based; none, 0 or past the end: the nearest page that
    /// exists) of `total` rows, `size` to a page.
    pub fn of(total: usize, size: usize, requested: Option<usize>) -> Paging {
        let size = size.max(1);
        let pages = total.div_ceil(size).max(1);
        let page = requested.unwrap_or(1).clamp(1, pages);
        let first = (page - 1) * size;
        let last = (first + size).min(total);
        Paging {
            page,
            pages,
            first: if total == 0 { 0 } else { first + 1 },
            last,
            total,
        }
    }

    /// The rows of this page, out of the whole list.
    pub fn take<T>(&self, rows: Vec<T>) -> Vec<T> {
        let skip = self.first.saturating_sub(1);
        rows.into_iter().skip(skip).take(self.last - skip).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Paging;

    #[test]
    fn pages_are_clamped_to_the_list() {
        let p = Paging::of(250, 100, Some(3));
        assert_eq!((p.page, p.pages, p.first, p.last), (3, 3, 201, 250));
        assert_eq!(p.take((1..=250).collect()), (201..=250).collect::<Vec<_>>());
        let past = Paging::of(250, 100, Some(9));
        assert_eq!((past.page, past.first, past.last), (3, 201, 250));
        let first = Paging::of(250, 100, None);
        assert_eq!((first.page, first.first, first.last), (1, 1, 100));
        assert_eq!(Paging::of(250, 100, Some(0)).page, 1);
    }

    #[test]
    fn an_empty_list_is_one_empty_page() {
        let p = Paging::of(0, 100, Some(2));
        assert_eq!((p.page, p.pages, p.first, p.last), (1, 1, 0, 0));
        assert!(p.take(Vec::<u8>::new()).is_empty());
    }
}

//! Helpers shared by the crate's unit tests.

/// Calls `f` with every string of up to `max_len` pieces drawn from `pieces` (repetition
/// allowed), shortest first: the inputs on which a fast path is checked against the code or the
/// regular expression it replaces.
pub(crate) fn for_each_string(pieces: &[&str], max_len: u32, mut f: impl FnMut(&str)) {
    let n = pieces.len();
    let mut s = String::new();
    for len in 0..=max_len {
        for mut code in 0..n.pow(len) {
            s.clear();
            for _ in 0..len {
                s.push_str(pieces[code % n]);
                code /= n;
            }
            f(&s);
        }
    }
}

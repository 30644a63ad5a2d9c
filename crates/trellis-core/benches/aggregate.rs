//! Benchmark: aggregating a round of 1,000 respondents x 50 statements.
fn main() {}

//! Benchmark: analysing a round of 1,000 respondents, and one of 5,000 (issue 20's big
//! round), with every statistic, in the full mode of the newest shipped questionnaire
//! (2.0.0: 50 statements plus a level per domain).
//! Run with `cargo bench -p trellis-core --bench aggregate`; figures go in docs/perf.md.

use std::collections::BTreeMap;

use criterion::{criterion_group, criterion_main, Criterion};
use trellis_core::analysis::{analyse, RoundInput};
use trellis_core::format::{Answer, ContextAnswer, Response, RoleCategory, Timestamp};
use trellis_core::Catalogue;

/// A deterministic pseudo-random round (xorshift), with some "don't know" answers.
fn round(instrument: &trellis_core::Instrument, n: usize) -> Vec<Response> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    (0..n)
        .map(|k| {
            let mut answers = BTreeMap::new();
            // Only what the full mode asks, as a real response holds.
            for s in instrument
                .statements()
                .iter()
                .filter(|s| s.modes.iter().any(|m| m == "full"))
            {
                let a = match next(12) {
                    0 => Answer::DontKnow,
                    v => Answer::Scale((1 + v % 5) as u8),
                };
                answers.insert(s.id.clone(), a);
            }
            let levels = instrument
                .domains()
                .iter()
                .map(|d| (d.id.clone(), (1 + next(5)) as u8))
                .collect();
            Response {
                id: format!("r{k}"),
                round_id: "bench".into(),
                organisation: format!("p{}", next(6)),
                role: RoleCategory::ALL[next(6) as usize],
                answers,
                levels,
                comments: BTreeMap::new(),
                ties: BTreeMap::new(),
                started: Timestamp(0),
                updated: Timestamp(0),
                submitted: Some(Timestamp(1)),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let catalogue = Catalogue::shipped().expect("shipped instruments are valid");
    let instrument = catalogue.latest("trellis").expect("the default instrument");
    let context: BTreeMap<String, ContextAnswer> =
        [("history".to_string(), ContextAnswer::One("negative".into()))].into();
    let targets = BTreeMap::new();
    for n in [1000, 5000] {
        let responses = round(instrument, n);
        let name = format!("analyse {n} respondents, full mode of the newest questionnaire");
        c.bench_function(&name, |b| {
            b.iter(|| {
                analyse(&RoundInput {
                    instrument,
                    mode: "full",
                    responses: responses.iter().collect(),
                    context: &context,
                    targets: &targets,
                    consensus: &Default::default(),
                    earlier_targets: &Default::default(),
                    min_group: 3,
                    partner_map: None,
                })
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

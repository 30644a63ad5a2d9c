//! QR codes of invitation links: the structure the standard (ISO/IEC 18004) fixes, checked
//! without a decoder (the e2e test decodes the printed sheet with zbarimg): size for the
//! version, the three finder patterns, timing patterns, error correction level in the
//! format information, the quiet zone, and an SVG path that draws exactly the dark modules.

use trellis_core::qr::{QrMatrix, QUIET_ZONE};

/// An invitation link as long as the example collaboration's, on a typical host.
fn link() -> String {
    format!(
        "https://intranet.example/trellis/answer.html#/join/{}.1a2b3c4d",
        "A".repeat(388)
    )
}

fn code(text: &str) -> QrMatrix {
    QrMatrix::encode(text).expect("fits in a QR code")
}

#[test]
fn size_follows_the_version() {
    for (text, version) in [
        ("https://x.ex/", 1),
        ("a".repeat(100).as_str(), 6),
        (link().as_str(), 16),
    ] {
        let qr = code(text);
        assert_eq!(qr.version(), version, "{} characters", text.len());
        assert_eq!(qr.size(), 17 + 4 * usize::from(version));
        assert_eq!(qr.side(), qr.size() + 2 * QUIET_ZONE);
    }
    // More than any version holds at level M.
    assert_eq!(QrMatrix::encode(&"a".repeat(2400)), None);
}

#[test]
fn three_finder_patterns_with_their_separators() {
    let qr = code(&link());
    let n = qr.size();
    for (left, top) in [(0, 0), (n - 7, 0), (0, n - 7)] {
        for dy in 0..7 {
            for dx in 0..7 {
                // Dark ring, light ring, dark 3x3 centre.
                let ring = dx.min(dy).min(6 - dx).min(6 - dy);
                assert_eq!(
                    qr.is_dark(left + dx, top + dy),
                    ring != 1,
                    "finder at ({left}, {top}), ({dx}, {dy})"
                );
            }
        }
        // The light separator along the inner edges.
        let (sx, sy) = (
            if left == 0 { 7 } else { left - 1 },
            if top == 0 { 7 } else { top - 1 },
        );
        for k in 0..8 {
            let along = |start: usize| if start == 0 { k } else { start - 1 + k };
            assert!(!qr.is_dark(sx, along(top)), "separator column at ({left}, {top})");
            assert!(!qr.is_dark(along(left), sy), "separator row at ({left}, {top})");
        }
    }
}

#[test]
fn timing_patterns_alternate() {
    let qr = code(&link());
    for k in 8..qr.size() - 8 {
        assert_eq!(qr.is_dark(k, 6), k % 2 == 0, "row 6, column {k}");
        assert_eq!(qr.is_dark(6, k), k % 2 == 0, "column 6, row {k}");
    }
}

/// The 15 format bits beside the top-left finder: the error correction level and mask,
/// a BCH check, masked with 0x5412.
#[test]
fn format_information_says_at_least_level_m() {
    let qr = code(&link());
    let positions = (0..6)
        .map(|i| (8, i))
        .chain([(8, 7), (8, 8), (7, 8)])
        .chain((9..15).map(|i| (14 - i, 8)));
    let bits = positions
        .enumerate()
        .fold(0u32, |acc, (i, (x, y))| acc | (u32::from(qr.is_dark(x, y)) << i))
        ^ 0x5412;
    let data = bits >> 10;
    let mut rem = data;
    for _ in 0..10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    }
    assert_eq!(bits, (data << 10) | rem, "BCH check of the format information");
    // 1 is level L; 0 is M, 3 Q, 2 H.
    assert_ne!(data >> 3, 1, "error correction level L");
}

#[test]
fn the_path_draws_exactly_the_dark_modules_inside_the_quiet_zone() {
    let qr = code(&link());
    let side = qr.side();
    let mut drawn = vec![false; side * side];
    let path = qr.path();
    for rect in path.split('z').filter(|r| !r.is_empty()) {
        // "M{x} {y}h{w}v1h-{w}"
        let (at, rest) = rect.trim_start_matches('M').split_once('h').expect("h");
        let (x, y) = at.split_once(' ').expect("x y");
        let (x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
        let (w, back) = rest.split_once("v1h-").expect("v1h-");
        assert_eq!(w, back, "{rect}");
        for k in 0..w.parse::<usize>().expect("w") {
            assert!(!drawn[y * side + x + k], "drawn twice at ({}, {y})", x + k);
            drawn[y * side + x + k] = true;
        }
    }
    for y in 0..side {
        for x in 0..side {
            let inside = (QUIET_ZONE..QUIET_ZONE + qr.size()).contains(&x)
                && (QUIET_ZONE..QUIET_ZONE + qr.size()).contains(&y);
            let dark = inside && qr.is_dark(x - QUIET_ZONE, y - QUIET_ZONE);
            assert_eq!(drawn[y * side + x], dark, "({x}, {y})");
        }
    }
}

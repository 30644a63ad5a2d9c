//! The answer and level characters of response codes and of stored responses: every
//! character of both alphabets pinned, and every value round-tripped.

use trellis_core::format::chars::{code, stored};
use trellis_core::format::Answer;

/// Scale points 1, 2, ... in a code, in order.
const CODE_POINTS: &str = "123456789AB";
/// Levels 1, 2, ... in a code, in order.
const CODE_LEVELS: &str = "123456789abcdefghijklmnopqrstuvwxyz";
/// Where stored values without a digit (10 and above) start: U+0100 + value.
const WIDE: u32 = 0x100;

fn position(alphabet: &str, c: char) -> Option<u8> {
    alphabet
        .chars()
        .position(|a| a == c)
        .and_then(|p| u8::try_from(p + 1).ok())
}

/// What the other answers than scale points read as, in both alphabets.
fn shared_answer(c: char) -> Option<Option<Answer>> {
    match c {
        '-' => Some(None),
        'd' => Some(Some(Answer::DontKnow)),
        'n' => Some(Some(Answer::NotApplicable)),
        _ => None,
    }
}

/// The value a stored character stands for: digits, and U+0100 to U+01FF (of which
/// U+0100 to U+0109 also read as 0 to 9, though nothing writes them).
fn stored_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => u8::try_from(c as u32 - '0' as u32).ok(),
        _ => (c as u32).checked_sub(WIDE).and_then(|v| u8::try_from(v).ok()),
    }
}

#[test]
fn every_character_of_both_alphabets() {
    for c in char::MIN..=char::MAX {
        let code_answer =
            shared_answer(c).or_else(|| position(CODE_POINTS, c).map(|v| Some(Answer::Scale(v))));
        assert_eq!(code::char_answer(c), code_answer, "code answer {c:?}");
        let code_level = match c {
            '0' => Some(None),
            _ => position(CODE_LEVELS, c).map(Some),
        };
        assert_eq!(code::char_level(c), code_level, "code level {c:?}");

        let stored_answer = shared_answer(c).or_else(|| stored_value(c).map(|v| Some(Answer::Scale(v))));
        assert_eq!(stored::char_answer(c), stored_answer, "stored answer {c:?}");
        let stored_level = match c {
            '-' => Some(None),
            _ => stored_value(c).map(Some),
        };
        assert_eq!(stored::char_level(c), stored_level, "stored level {c:?}");
    }
}

#[test]
fn every_value_is_written_as_pinned() {
    for (answer, c) in [
        (None, '-'),
        (Some(Answer::DontKnow), 'd'),
        (Some(Answer::NotApplicable), 'n'),
    ] {
        assert_eq!(code::answer_char(answer.as_ref()), c);
        assert_eq!(stored::answer_char(answer.as_ref()), c);
    }
    assert_eq!(code::level_char(None), '0');
    assert_eq!(stored::level_char(None), '-');
    for v in 0..=u8::MAX {
        let wide = char::from_u32(WIDE + u32::from(v)).expect("a character");
        let point = Some(Answer::Scale(v));
        let level = Some(v);
        let (code_point, code_level, stored_char) = match v {
            0 => ('-', '0', '0'),
            1..=9 => (char::from(b'0' + v), char::from(b'0' + v), char::from(b'0' + v)),
            10 => ('A', 'a', wide),
            11 => ('B', 'b', wide),
            12..=35 => ('-', char::from(b'a' + v - 10), wide),
            _ => ('-', '0', wide),
        };
        assert_eq!(code::answer_char(point.as_ref()), code_point, "code point {v}");
        assert_eq!(code::level_char(level), code_level, "code level {v}");
        assert_eq!(
            stored::answer_char(point.as_ref()),
            stored_char,
            "stored point {v}"
        );
        assert_eq!(stored::level_char(level), stored_char, "stored level {v}");
    }
}

#[test]
fn every_value_round_trips() {
    let answers = [None, Some(Answer::DontKnow), Some(Answer::NotApplicable)]
        .into_iter()
        .chain((0..=u8::MAX).map(|v| Some(Answer::Scale(v))));
    for answer in answers {
        // Storage keeps every answer; a code keeps the points of an 11-point scale and
        // reads any other point back as not answered.
        assert_eq!(
            stored::char_answer(stored::answer_char(answer.as_ref())),
            Some(answer)
        );
        let carried = match answer {
            Some(Answer::Scale(v)) if !(1..=11).contains(&v) => None,
            other => other,
        };
        assert_eq!(
            code::char_answer(code::answer_char(answer.as_ref())),
            Some(carried)
        );
    }
    let levels = std::iter::once(None).chain((0..=u8::MAX).map(Some));
    for level in levels {
        assert_eq!(stored::char_level(stored::level_char(level)), Some(level));
        let carried = level.filter(|l| (1..=35).contains(l));
        assert_eq!(code::char_level(code::level_char(level)), Some(carried));
    }
}

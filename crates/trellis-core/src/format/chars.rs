//! One character per answer or level: the alphabet of response codes and the alphabet of
//! stored responses, side by side so that where they differ is deliberate and visible.
//!
//! A response code ([`super::ResponseCodePayload`]) and a stored response row
//! ([`super::stored`]) both write a response's answers as one character per statement and
//! its levels as one character per topic. The two alphabets agree on everything a
//! questionnaire shipped today produces, and differ at the edges:
//!
//! | Value                     | [`code`] (response codes)    | [`stored`] (browser storage) |
//! |---------------------------|------------------------------|------------------------------|
//! | not answered              | `-`                          | `-`                          |
//! | don't know                | `d`                          | `d`                          |
//! | not applicable            | `n`                          | `n`                          |
//! | scale point 1 to 9        | `1` to `9`                   | `1` to `9`                   |
//! | scale point 10, 11        | `A`, `B`                     | U+010A, U+010B               |
//! | scale point 0             | not carried (written as `-`) | `0`                          |
//! | scale point 12 to 255     | not carried (written as `-`) | U+010C to U+01FF             |
//! | no level                  | `0`                          | `-`                          |
//! | level 1 to 9              | `1` to `9`                   | `1` to `9`                   |
//! | level 10 to 35            | `a` to `z`                   | U+010A to U+0123             |
//! | level 0                   | not carried (written as `0`) | `0`                          |
//! | level 36 to 255           | not carried (written as `0`) | U+0124 to U+01FF             |
//!
//! Why they differ:
//!
//! - A code carries a response made in the app, whose answers are points of a scale of
//!   at most 11 (see `Instrument::new`) and whose levels start at 1. It stays ASCII
//!   because a character beyond ASCII takes two bytes, and so about three characters of
//!   the code; so the values past 9 are letters, and `0` is free to mean "no level".
//! - Storage must give back exactly the workspace it was given, whatever a damaged or
//!   hand-edited import put in it, so every value from 0 to 255 has a character: digits
//!   for 0 to 9, and the character at code point 0x100 + value for the rest. `0` is
//!   then level 0, so "no level" is `-`, as "not answered" is.
//!
//! Neither alphabet can change now: codes are in people's emails and rows are in their
//! browsers, and both must keep reading as they were written. The test
//! `chars::every_character_of_both_alphabets` pins every character of each.

use std::collections::BTreeMap;

use super::workspace::Answer;

/// Not answered, in both alphabets (and "no level" in storage).
const UNANSWERED: char = '-';
/// "Don't know", in both alphabets.
const DONT_KNOW: char = 'd';
/// "Not applicable", in both alphabets.
const NOT_APPLICABLE: char = 'n';

/// The digit for 0 to 9.
fn digit(value: u8) -> char {
    char::from(b'0' + value)
}

/// Writes an answer: not answered, don't know and not applicable are the same in both
/// alphabets; `point` writes a point of the scale in one alphabet.
fn write_answer(answer: Option<&Answer>, point: fn(u8) -> char) -> char {
    match answer {
        None => UNANSWERED,
        Some(Answer::DontKnow) => DONT_KNOW,
        Some(Answer::NotApplicable) => NOT_APPLICABLE,
        Some(Answer::Scale(v)) => point(*v),
    }
}

/// Reads an answer written by [`write_answer`]: `None` when the character is not an
/// answer, `Some(None)` for not answered; `point` reads a point of the scale.
fn read_answer(c: char, point: fn(char) -> Option<u8>) -> Option<Option<Answer>> {
    match c {
        UNANSWERED => Some(None),
        DONT_KNOW => Some(Some(Answer::DontKnow)),
        NOT_APPLICABLE => Some(Some(Answer::NotApplicable)),
        _ => point(c).map(|v| Some(Answer::Scale(v))),
    }
}

/// Reads a row of characters, one per id in order, with `read` (one of the `char_answer`
/// and `char_level` functions below) into the values that are there, leaving out the
/// unanswered ones. The first character that `read` refuses is returned with its id, for
/// the caller to name in its own words. The caller checks first that the row has one
/// character per id.
pub fn read_values<'i, T>(
    ids: impl IntoIterator<Item = &'i str>,
    row: &str,
    read: fn(char) -> Option<Option<T>>,
) -> Result<BTreeMap<String, T>, (char, &'i str)> {
    let mut values = BTreeMap::new();
    for (id, c) in ids.into_iter().zip(row.chars()) {
        if let Some(value) = read(c).ok_or((c, id))? {
            values.insert(id.to_string(), value);
        }
    }
    Ok(values)
}

/// The alphabet of response codes: ASCII only, scale points 1 to 11, levels 1 to 35.
pub mod code {
    use super::{digit, read_answer, write_answer, Answer, UNANSWERED};

    /// "No level" in a code: levels start at 1, so the digit 0 is free for it.
    const NO_LEVEL: char = '0';

    /// The character for an answer. A point off every scale (0, or above 11) cannot be
    /// carried and is written as not answered; the workspace operations never store one.
    pub fn answer_char(answer: Option<&Answer>) -> char {
        write_answer(answer, |v| match v {
            1..=9 => digit(v),
            10 => 'A',
            11 => 'B',
            _ => UNANSWERED,
        })
    }

    /// The answer a character stands for: `None` when it is not an answer, `Some(None)`
    /// for not answered.
    pub fn char_answer(c: char) -> Option<Option<Answer>> {
        read_answer(c, |c| match c {
            '1'..='9' => c.to_digit(10).and_then(|d| u8::try_from(d).ok()),
            'A' => Some(10),
            'B' => Some(11),
            _ => None,
        })
    }

    /// The character for a level: its base-36 digit (`1`-`9`, `a`-`z`). No level, and a
    /// level a code cannot carry (0, or above 35), are written as [`NO_LEVEL`].
    pub fn level_char(level: Option<u8>) -> char {
        match level {
            Some(l @ 1..=35) => char::from_digit(u32::from(l), 36).unwrap_or(NO_LEVEL),
            _ => NO_LEVEL,
        }
    }

    /// The level a character stands for: `None` when it is not a level, `Some(None)` for
    /// no level.
    pub fn char_level(c: char) -> Option<Option<u8>> {
        match c {
            NO_LEVEL => Some(None),
            '1'..='9' | 'a'..='z' => c.to_digit(36).and_then(|d| u8::try_from(d).ok()).map(Some),
            _ => None,
        }
    }
}

/// The alphabet of stored responses: every value from 0 to 255 has a character, so the
/// stored workspace reads back exactly as it was.
pub mod stored {
    use super::{digit, read_answer, write_answer, Answer, UNANSWERED};

    /// Values without a digit (10 and above) are written as the character at this code
    /// point plus the value (U+010A for 10), all two bytes in UTF-8.
    const WIDE: u32 = 0x100;

    /// "No level" in storage: `0` is level 0 here, so it is the same `-` as not answered.
    const NO_LEVEL: char = UNANSWERED;

    /// The character for a value of 0 to 255.
    fn value_char(value: u8) -> char {
        match value {
            0..=9 => digit(value),
            _ => char::from_u32(WIDE + u32::from(value)).unwrap_or(UNANSWERED),
        }
    }

    /// The value a character stands for. U+0100 to U+0109 also read as 0 to 9, although
    /// nothing writes them, as storage has always read them.
    fn char_value(c: char) -> Option<u8> {
        match c {
            '0'..='9' => c.to_digit(10).and_then(|d| u8::try_from(d).ok()),
            _ => (c as u32).checked_sub(WIDE).and_then(|v| u8::try_from(v).ok()),
        }
    }

    /// The character for an answer; every point of any scale has one.
    pub fn answer_char(answer: Option<&Answer>) -> char {
        write_answer(answer, value_char)
    }

    /// The answer a character stands for: `None` when it is not an answer, `Some(None)`
    /// for not answered.
    pub fn char_answer(c: char) -> Option<Option<Answer>> {
        read_answer(c, char_value)
    }

    /// The character for a level, or [`NO_LEVEL`] for none.
    pub fn level_char(level: Option<u8>) -> char {
        level.map_or(NO_LEVEL, value_char)
    }

    /// The level a character stands for: `None` when it is not a level, `Some(None)` for
    /// no level.
    pub fn char_level(c: char) -> Option<Option<u8>> {
        match c {
            NO_LEVEL => Some(None),
            _ => char_value(c).map(Some),
        }
    }
}

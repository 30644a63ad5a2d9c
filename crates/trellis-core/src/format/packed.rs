//! The packed form of an instrument file that the app embeds: every field in a fixed
//! order, separated by one control character, so a few lines read it back.
//!
//! `build.rs` parses and validates `instruments/*.json` at build time (with the same
//! [`InstrumentFile`] and [`crate::Instrument::new`] as at run time) and embeds them
//! packed by [`pack`]; [`unpack`] reads them when the app starts. Reading JSON through
//! serde instead put a deserializer for every instrument type, and the validation, into
//! every page's WebAssembly bundle (about 10 KB brotli) for a file that never changes
//! after the build. The build script includes this file too, so the writer and the
//! reader are kept side by side; destructuring on the write side and struct literals
//! on the read side make the compiler name every field on both, and a test checks that
//! the shipped catalogue equals the JSON files.
//!
//! Layout: a field is text up to the next [`SEPARATOR`]. Numbers, flags and enum cases
//! are written as decimal text, and a list as its length followed by its items.

use crate::format::{
    ActionFile, ContextKind, ContextOptionFile, ContextQuestionFile, DomainFile, DomainKind, InstrumentFile,
    LevelFile, ModeFile, PriorityWhenFile, ScaleFile, ScalePointFile, StatementFile,
};

/// Ends every field (ASCII "unit separator"); no instrument text may contain it.
pub const SEPARATOR: char = '\u{1f}';

/// Writes `file` in the packed form, or names the first text that contains the separator.
pub fn pack(file: &InstrumentFile) -> Result<String, String> {
    let mut w = Writer {
        out: String::new(),
        bad: None,
    };
    let InstrumentFile {
        format,
        id,
        version,
        title,
        summary,
        scale,
        levels,
        modes,
        domains,
        statements,
        context,
        actions,
        partner_levels,
    } = file;
    w.num(*format);
    w.texts(&[id, version, title, summary]);
    let ScaleFile {
        points,
        dont_know,
        not_applicable,
    } = scale;
    w.list(points, |w, ScalePointFile { value, label }| {
        w.num(u32::from(*value));
        w.text(label);
    });
    w.texts(&[dont_know, not_applicable]);
    w.levels(levels);
    w.list(
        modes,
        |w,
         ModeFile {
             id,
             title,
             summary,
             minutes,
             ask_levels,
             time_frame,
         }| {
            w.texts(&[id, title, summary]);
            w.num(*minutes);
            w.num(u32::from(*ask_levels));
            w.text(time_frame);
        },
    );
    w.list(
        domains,
        |w,
         DomainFile {
             id,
             title,
             kind,
             summary,
             constructs,
             levels,
             critical_when,
             builds_on,
             gate,
         }| {
            w.texts(&[id, title]);
            w.num(match kind {
                DomainKind::Functioning => 0,
                DomainKind::Outcome => 1,
                DomainKind::Readiness => 2,
            });
            w.text(summary);
            w.list(constructs, |w, c| w.text(c));
            w.list(levels, |w, l| w.text(l));
            w.conditions(critical_when);
            w.list(builds_on, |w, d| w.text(d));
            w.num(u32::from(*gate));
        },
    );
    w.list(
        statements,
        |w,
         StatementFile {
             id,
             domain,
             text,
             modes,
             source,
         }| {
            w.texts(&[id, domain, text]);
            w.list(modes, |w, m| w.text(m));
            w.text(source);
        },
    );
    w.list(
        context,
        |w,
         ContextQuestionFile {
             id,
             question,
             help,
             kind,
             options,
         }| {
            w.texts(&[id, question, help]);
            w.num(match kind {
                ContextKind::Single => 0,
                ContextKind::Multi => 1,
                ContextKind::Number => 2,
            });
            w.list(options, |w, ContextOptionFile { id, label }| {
                w.texts(&[id, label])
            });
        },
    );
    w.list(
        actions,
        |w,
         ActionFile {
             id,
             domain,
             title,
             detail,
             why,
             levels,
             priority_when,
             addresses,
             effort,
             horizon,
             signs,
             source,
         }| {
            w.texts(&[id, domain, title, detail, why]);
            w.list(levels, |w, l| w.num(u32::from(*l)));
            w.conditions(priority_when);
            w.list(addresses, |w, s| w.text(s));
            w.texts(&[effort, horizon, signs, source]);
        },
    );
    w.levels(partner_levels);
    match w.bad {
        Some(text) => Err(text),
        None => Ok(w.out),
    }
}

/// Reads what [`pack`] wrote. The packed text is made by the build from files it has
/// validated, so a short or garbled text is not expected: missing fields read as empty
/// text and zero rather than failing.
pub fn unpack(packed: &str) -> InstrumentFile {
    let r = &mut Reader(packed);
    InstrumentFile {
        format: r.num(),
        id: r.text(),
        version: r.text(),
        title: r.text(),
        summary: r.text(),
        scale: ScaleFile {
            points: r.list(|r| ScalePointFile {
                value: r.num() as u8,
                label: r.text(),
            }),
            dont_know: r.text(),
            not_applicable: r.text(),
        },
        levels: r.levels(),
        modes: r.list(|r| ModeFile {
            id: r.text(),
            title: r.text(),
            summary: r.text(),
            minutes: r.num(),
            ask_levels: r.num() != 0,
            time_frame: r.text(),
        }),
        domains: r.list(|r| DomainFile {
            id: r.text(),
            title: r.text(),
            kind: match r.num() {
                0 => DomainKind::Functioning,
                1 => DomainKind::Outcome,
                _ => DomainKind::Readiness,
            },
            summary: r.text(),
            constructs: r.texts(),
            levels: r.texts(),
            critical_when: r.conditions(),
            builds_on: r.texts(),
            gate: r.num() != 0,
        }),
        statements: r.list(|r| StatementFile {
            id: r.text(),
            domain: r.text(),
            text: r.text(),
            modes: r.texts(),
            source: r.text(),
        }),
        context: r.list(|r| ContextQuestionFile {
            id: r.text(),
            question: r.text(),
            help: r.text(),
            kind: match r.num() {
                0 => ContextKind::Single,
                1 => ContextKind::Multi,
                _ => ContextKind::Number,
            },
            options: r.list(|r| ContextOptionFile {
                id: r.text(),
                label: r.text(),
            }),
        }),
        actions: r.list(|r| ActionFile {
            id: r.text(),
            domain: r.text(),
            title: r.text(),
            detail: r.text(),
            why: r.text(),
            levels: r.list(|r| r.num() as u8),
            priority_when: r.conditions(),
            addresses: r.texts(),
            effort: r.text(),
            horizon: r.text(),
            signs: r.text(),
            source: r.text(),
        }),
        partner_levels: r.levels(),
    }
}

struct Writer {
    out: String,
    /// The first text that contains the separator.
    bad: Option<String>,
}

impl Writer {
    fn text(&mut self, text: &str) {
        if text.contains(SEPARATOR) && self.bad.is_none() {
            self.bad = Some(text.to_string());
        }
        self.out.push_str(text);
        self.out.push(SEPARATOR);
    }
    fn texts(&mut self, texts: &[&String]) {
        for text in texts {
            self.text(text);
        }
    }
    fn num(&mut self, n: u32) {
        self.text(&n.to_string());
    }
    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        self.num(items.len() as u32);
        for i in items {
            item(self, i);
        }
    }
    fn conditions(&mut self, conditions: &[PriorityWhenFile]) {
        self.list(conditions, |w, PriorityWhenFile { question, options }| {
            w.text(question);
            w.list(options, |w, o| w.text(o));
        });
    }
    fn levels(&mut self, levels: &[LevelFile]) {
        self.list(levels, |w, LevelFile { level, name, summary }| {
            w.num(u32::from(*level));
            w.texts(&[name, summary]);
        });
    }
}

struct Reader<'a>(&'a str);

impl Reader<'_> {
    fn field(&mut self) -> &str {
        let (field, rest) = self.0.split_once(SEPARATOR).unwrap_or((self.0, ""));
        self.0 = rest;
        field
    }
    fn text(&mut self) -> String {
        self.field().to_string()
    }
    fn num(&mut self) -> u32 {
        self.field().parse().unwrap_or(0)
    }
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.num();
        (0..n).map(|_| item(self)).collect()
    }
    fn texts(&mut self) -> Vec<String> {
        self.list(Reader::text)
    }
    fn conditions(&mut self) -> Vec<PriorityWhenFile> {
        self.list(|r| PriorityWhenFile {
            question: r.text(),
            options: r.texts(),
        })
    }
    fn levels(&mut self) -> Vec<LevelFile> {
        self.list(|r| LevelFile {
            level: r.num() as u8,
            name: r.text(),
            summary: r.text(),
        })
    }
}

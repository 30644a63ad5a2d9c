//! Transfer: invitation links, response codes, envelopes, response files, CSV imports and
//! the import plan (round trips, damage detection, per-item validation, size limits).

use std::collections::BTreeMap;
use std::rc::Rc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use proptest::prelude::*;
use trellis_core::format::{
    Answer, InvitationFile, Partner, Response, ResponseFile, RoleCategory, Timestamp, Workspace,
    INVITATION_FORMAT,
};
use trellis_core::transfer::{
    csv_headers, decode_envelope, decode_invitation, decode_response_code, encode_envelope,
    encode_invitation, encode_response_code, extract_codes, invitation_for, parse_csv, parse_response_file,
    plan_import, response_file_json, suggest_mapping, ColumnTarget, CsvMapping, CsvProblem, Envelope,
    EnvelopePart, Field, ImportItem, ImportedItem, Malformed, TransferError, Unchanged, UnchangedItem,
    CODE_PREFIX, ENCRYPTED_PREFIX, MAX_IMPORT_BYTES, MAX_INVITATION_BYTES, MAX_RESPONSE_BYTES,
};
use trellis_core::workspace::{NewCollaboration, NewRound};
use trellis_core::{Catalogue, Instrument};

use crate::common::{answer, mini};

const FORMS: &str = include_str!("fixtures/transfer/forms.csv");

pub(crate) fn catalogue() -> Catalogue {
    match Catalogue::shipped() {
        Ok(c) => c,
        Err(e) => panic!("the shipped catalogue should be valid: {e:?}"),
    }
}

/// Questionnaire 1.0.0, which stays shipped: the files, codes and CSV fixtures here name
/// its statements (and `file_of` its version).
pub(crate) fn trellis(c: &Catalogue) -> Rc<Instrument> {
    c.get("trellis", "1.0.0")
        .expect("the shipped instrument 1.0.0")
        .clone()
}

/// The statement ids a mode asks, in instrument order.
fn statement_ids(i: &Instrument, mode: &str) -> Vec<String> {
    i.statements()
        .iter()
        .filter(|s| s.modes.iter().any(|m| m == mode))
        .map(|s| s.id.clone())
        .collect()
}

fn domain_ids(i: &Instrument, mode: &str) -> Vec<String> {
    i.domains_in_mode(mode).map(|d| d.id.clone()).collect()
}

/// A complete response to the full mode, ids as long as the app's (32 hex digits).
fn full_response(i: &Instrument) -> Response {
    let codes = ["1", "2", "3", "4", "5", "dk", "na"];
    Response {
        id: "0123456789abcdef0123456789abcdef".into(),
        round_id: "fedcba9876543210fedcba9876543210".into(),
        organisation: "p2".into(),
        role: RoleCategory::Clinician,
        answers: statement_ids(i, "full")
            .into_iter()
            .enumerate()
            .map(|(k, id)| (id, answer(codes[k % codes.len()])))
            .collect(),
        levels: domain_ids(i, "full")
            .into_iter()
            .enumerate()
            .map(|(k, d)| (d, (k % 5) as u8 + 1))
            .collect(),
        comments: BTreeMap::new(),
        ties: Default::default(),
        started: Timestamp(1_795_000_000_000),
        updated: Timestamp(1_795_000_600_000),
        submitted: Some(Timestamp(1_795_000_700_000)),
    }
}

pub(crate) fn file_of(response: Response) -> ResponseFile {
    ResponseFile {
        trellis: "response".into(),
        format: 1,
        instrument: "trellis".into(),
        version: "1.0.0".into(),
        response,
    }
}

/// Checksummed text exactly as the engine writes it, for crafting valid-but-wrong content.
fn wrap(bytes: &[u8]) -> String {
    let body = URL_SAFE_NO_PAD.encode(bytes);
    format!("{body}.{:08x}", crc32fast::hash(body.as_bytes()))
}

fn url_safe(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

// ---------------------------------------------------------------------------------------
// Invitations.

fn invitation() -> InvitationFile {
    InvitationFile {
        format: INVITATION_FORMAT,
        round_id: "r1".into(),
        round_name: "Spring 2026".into(),
        date: "2026-03-01".into(),
        collaboration_id: "c1".into(),
        collaboration: "Northshire “joined-up” care".into(),
        partners: vec![
            Partner {
                id: "p1".into(),
                name: "Northshire Acute Trust".into(),
            },
            Partner {
                id: "p2".into(),
                name: "Northshire County Council".into(),
            },
        ],
        instrument: "trellis".into(),
        version: "1.0.0".into(),
        mode: "full".into(),
        contact: Some("facilitator@example.nhs.uk".into()),
        partner_map: false,
    }
}

/// `invitation()` as the first builds wrote it: base64url of its compact JSON. Links like
/// this are in inboxes and on paper, so they must keep opening.
const JSON_LINK: &str = "eyJmb3JtYXQiOjEsInJvdW5kX2lkIjoicjEiLCJyb3VuZF9uYW1lIjoiU3ByaW5nIDIwMjYiLCJkYXRlIjoiMjAyNi0wMy0wMSIsImNvbGxhYm9yYXRpb25faWQiOiJjMSIsImNvbGxhYm9yYXRpb24iOiJOb3J0aHNoaXJlIOKAnGpvaW5lZC11cOKAnSBjYXJlIiwicGFydG5lcnMiOlt7ImlkIjoicDEiLCJuYW1lIjoiTm9ydGhzaGlyZSBBY3V0ZSBUcnVzdCJ9LHsiaWQiOiJwMiIsIm5hbWUiOiJOb3J0aHNoaXJlIENvdW50eSBDb3VuY2lsIn1dLCJpbnN0cnVtZW50IjoidHJlbGxpcyIsInZlcnNpb24iOiIxLjAuMCIsIm1vZGUiOiJmdWxsIiwiY29udGFjdCI6ImZhY2lsaXRhdG9yQGV4YW1wbGUubmhzLnVrIn0.63c6d69f";

#[test]
fn invitation_round_trips() {
    let inv = invitation();
    let text = encode_invitation(&inv);
    assert!(url_safe(&text), "{text}");
    for pasted in [
        text.clone(),
        format!("  {text}\n"),
        format!("https://example.org/trellis/#/join/{text}"),
    ] {
        assert_eq!(decode_invitation(&pasted), Ok(inv.clone()));
    }
    // Ids that are not Trellis's own partner ids, random hexadecimal ids, names that look
    // like hexadecimal, and no contact.
    let other = InvitationFile {
        round_id: "0123456789abcdef0123456789abcdef".into(),
        collaboration_id: "fedcba9876543210fedcba9876543210".into(),
        round_name: "2026".into(),
        contact: None,
        partners: vec![
            Partner {
                id: "p2".into(),
                name: "ab".into(),
            },
            Partner {
                id: "ACUTE".into(),
                name: "Ysbyty Gwynedd – Betsi Cadwaladr".into(),
            },
            Partner {
                id: "x".repeat(200),
                name: "é".repeat(120),
            },
        ],
        ..inv
    };
    assert_eq!(decode_invitation(&encode_invitation(&other)), Ok(other));
}

#[test]
fn links_already_sent_in_the_json_form_still_open() {
    assert_eq!(wrap(&serde_json::to_vec(&invitation()).expect("json")), JSON_LINK);
    assert_eq!(decode_invitation(JSON_LINK), Ok(invitation()));
    assert_eq!(
        decode_invitation(&format!(
            "https://example.org/trellis/answer.html#/join/{JSON_LINK}"
        )),
        Ok(invitation())
    );
    // The JSON form's own checks still apply.
    let later = serde_json::to_vec(&InvitationFile {
        format: 2,
        ..invitation()
    })
    .expect("json");
    assert_eq!(
        decode_invitation(&wrap(&later)),
        Err(TransferError::UnsupportedFormat(2))
    );
    let one_partner = InvitationFile {
        partners: vec![invitation().partners[0].clone()],
        ..invitation()
    };
    assert_eq!(
        decode_invitation(&wrap(&serde_json::to_vec(&one_partner).expect("json"))),
        Err(TransferError::TooFewPartners)
    );
}

/// The example collaboration's invitation, as the app builds it: the packed form is
/// about half the length of the JSON form the first links used (713 characters here,
/// with the partner map that costs the packed form one byte).
#[test]
fn the_packed_link_is_about_half_as_long() {
    let c = catalogue();
    let i = trellis(&c);
    let mut ws = Workspace::default();
    let id = trellis_core::example::add_example(
        &mut ws,
        &i,
        trellis_core::example::SEED,
        "2026-11-30",
        Timestamp(0),
    )
    .expect("example");
    let collaboration = ws.collaboration(&id).expect("added");
    let round = collaboration.rounds.last().expect("two rounds");
    let inv = invitation_for(collaboration, round, None);
    let json = wrap(&serde_json::to_vec(&inv).expect("json"));
    let packed = encode_invitation(&inv);
    assert_eq!((json.len(), packed.len()), (713, 399));
    assert_eq!(decode_invitation(&packed), Ok(inv.clone()));
    // A real collaboration's random ids take half the room they would as text.
    let real = InvitationFile {
        round_id: "0123456789abcdef0123456789abcdef".into(),
        collaboration_id: "fedcba9876543210fedcba9876543210".into(),
        contact: Some("facilitator@example.nhs.uk".into()),
        ..inv
    };
    let json = wrap(&serde_json::to_vec(&real).expect("json"));
    assert_eq!((json.len(), encode_invitation(&real).len()), (804, 429));
}

#[test]
fn invitation_problems_are_named() {
    fn check(text: &str, expected: TransferError) {
        assert_eq!(decode_invitation(text), Err(expected), "{text}");
    }
    let good = encode_invitation(&invitation());
    let changed = |f: fn(&mut InvitationFile)| {
        let mut inv = invitation();
        f(&mut inv);
        encode_invitation(&inv)
    };
    check(&good[..good.len() - 3], TransferError::Truncated);
    check(&good[..good.len() / 2], TransferError::Truncated);
    let mut tampered = good.clone().into_bytes();
    tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
    check(
        &String::from_utf8(tampered).expect("ascii"),
        TransferError::Damaged,
    );
    check("", TransferError::NotTrellis);
    check(
        &"A".repeat(MAX_INVITATION_BYTES + 1),
        TransferError::TooLarge { limit_bytes: 16384 },
    );
    check(&changed(|i| i.format = 2), TransferError::UnsupportedFormat(2));
    check(
        &changed(|i| i.partners.truncate(1)),
        TransferError::TooFewPartners,
    );
    check(
        &changed(|i| i.partners[1].id = "p1".into()),
        TransferError::DuplicatePartner("p1".into()),
    );
    check(
        &changed(|i| i.round_name = " ".into()),
        TransferError::EmptyField(Field::RoundName),
    );
    check(
        &changed(|i| i.date = "1 March".into()),
        TransferError::Malformed(Malformed::RoundDate("1 March".into())),
    );
    assert!(matches!(
        decode_invitation(&wrap(b"{not json")),
        Err(TransferError::BadJson(_))
    ));
    assert_eq!(decode_invitation(&wrap(b"{}")), Err(TransferError::NotTrellis));
    assert_eq!(
        decode_invitation(&wrap(b"not json")),
        Err(TransferError::NotTrellis)
    );
    // Packed content whose fields do not fit together: cut short, a length running past
    // the end, bytes left over, text that is not UTF-8.
    let packed = URL_SAFE_NO_PAD
        .decode(good.split('.').next().expect("body"))
        .expect("base64");
    let laid_out = TransferError::Malformed(Malformed::PackedInvitation);
    check(&wrap(&packed[..packed.len() - 1]), laid_out.clone());
    check(&wrap(&packed[..3]), laid_out.clone());
    check(&wrap(&[packed.as_slice(), b"\x00"].concat()), laid_out.clone());
    check(&wrap(&[1, 0xff, 0xff, 0xff, 0xff, 0x7f]), laid_out.clone());
    let mut not_text = packed.clone();
    not_text[3] = 0xff; // inside the round name
    check(&wrap(&not_text), laid_out);
}

/// The checksum is CRC-32/ISO-HDLC exactly as crc32fast computed it when the first links
/// and codes were written, so those still verify.
#[test]
fn checksum_is_the_crc32_links_were_written_with() {
    assert_eq!(crc32fast::hash(b"123456789"), 0xcbf4_3926);
    // "12345678" is a valid base64url body; with its CRC32 the checksum passes and only
    // what is inside is wrong.
    assert_eq!(
        decode_invitation("12345678.9ae0daaf"),
        Err(TransferError::NotTrellis)
    );
    assert_eq!(
        decode_invitation("12345678.9ae0daae"),
        Err(TransferError::Damaged)
    );
}

proptest! {
    #[test]
    fn checksums_agree_with_crc32fast(bytes in proptest::collection::vec(any::<u8>(), 1..300)) {
        let result = decode_invitation(&wrap(&bytes));
        prop_assert!(!matches!(result, Err(TransferError::Damaged | TransferError::Truncated)));
    }

    #[test]
    fn any_invitation_round_trips(
        texts in proptest::collection::vec("\\PC{1,40}|[0-9a-f]{0,40}", 7),
        names in proptest::collection::vec("\\PC{1,40}", 2..6),
        positional in any::<bool>(),
        contact in proptest::option::of("[a-z@.]{1,30}"),
    ) {
        let inv = InvitationFile {
            format: INVITATION_FORMAT,
            round_id: format!("r{}", texts[0]),
            round_name: format!("n{}", texts[1]),
            date: "2026-03-01".into(),
            collaboration_id: format!("c{}", texts[2]),
            collaboration: format!("n{}", texts[3]),
            partners: names
                .iter()
                .enumerate()
                .map(|(k, name)| Partner {
                    id: if positional { format!("p{}", k + 1) } else { format!("{k}{}", texts[4]) },
                    name: format!("n{name}"),
                })
                .collect(),
            instrument: format!("i{}", texts[5]),
            version: format!("v{}", texts[6]),
            mode: "full".into(),
            contact,
            partner_map: false,
        };
        prop_assert_eq!(decode_invitation(&encode_invitation(&inv)), Ok(inv));
    }
}

// ---------------------------------------------------------------------------------------
// Response codes.

#[test]
fn a_full_code_is_short_and_url_safe() {
    let c = catalogue();
    let i = trellis(&c);
    let response = full_response(&i);
    let code = encode_response_code(&i, "full", &response);
    assert!(code.starts_with(CODE_PREFIX));
    assert!(url_safe(&code[CODE_PREFIX.len()..]), "{code}");
    assert!(code.len() < 400, "{} characters: {code}", code.len());
    let file = decode_response_code(&code, &c).expect("decodes");
    assert_eq!(file, file_of(response));
}

#[test]
fn codes_carry_comments_and_drafts() {
    let c = catalogue();
    let i = trellis(&c);
    let mut response = full_response(&i);
    response.submitted = None;
    response.answers.clear();
    response
        .comments
        .insert("trust.past".into(), "Line one,\n\"quoted\" – ünïcödé 🙂".into());
    let code = encode_response_code(
        &i,
        "readiness",
        &Response {
            levels: BTreeMap::new(),
            ..response.clone()
        },
    );
    let back = decode_response_code(&code, &c).expect("decodes").response;
    assert_eq!(
        back,
        Response {
            levels: BTreeMap::new(),
            ..response
        }
    );
}

#[test]
fn codes_survive_email_line_breaks() {
    let c = catalogue();
    let i = trellis(&c);
    let code = encode_response_code(&i, "full", &full_response(&i));
    let wrapped: String = code
        .as_bytes()
        .chunks(70)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n ");
    assert_eq!(
        decode_response_code(&format!("\n  {wrapped}  \n"), &c),
        decode_response_code(&code, &c)
    );
}

#[test]
fn damaged_codes_give_the_specific_error() {
    let c = catalogue();
    let i = trellis(&c);
    let code = encode_response_code(&i, "full", &full_response(&i));
    fn check(c: &Catalogue, text: &str, expected: TransferError) {
        assert_eq!(decode_response_code(text, c), Err(expected), "{text}");
    }
    let dot = code.rfind('.').expect("a dot");
    check(&c, &code[..code.len() - 1], TransferError::Truncated);
    check(&c, &code[..dot], TransferError::Truncated);
    check(&c, &code[..dot - 40], TransferError::Truncated);
    check(
        &c,
        &format!("{}{}", &code[..20], &code[21..]),
        TransferError::Damaged,
    );
    check(&c, &code.replacen('W', "X", 1), TransferError::Damaged);
    check(&c, &format!("{code}0"), TransferError::Damaged);
    check(&c, "Thanks for the meeting!", TransferError::NotTrellis);
    check(
        &c,
        &format!("{ENCRYPTED_PREFIX}{}", &code[CODE_PREFIX.len()..]),
        TransferError::Encrypted,
    );
    // A questionnaire version this build does not ship.
    let mini = mini();
    let mut other = full_response(&mini);
    other.answers.clear();
    other.levels.clear();
    check(
        &c,
        &encode_response_code(&mini, "full", &other),
        TransferError::UnknownInstrument {
            id: "mini".into(),
            version: "0.1.0".into(),
        },
    );
    // A correct checksum around content that is not a code.
    check(
        &c,
        &format!("{CODE_PREFIX}{}", wrap(b"[1,2]")),
        TransferError::BadJson("invalid type: integer `1`, expected a string at line 1 column 2".into()),
    );
}

/// Responses the app can make for the full mode of the shipped instrument.
fn arb_response() -> impl Strategy<Value = Response> {
    let c = catalogue();
    let i = trellis(&c);
    let statements = statement_ids(&i, "full");
    let domains = domain_ids(&i, "full");
    let answer = prop_oneof![
        (1u8..=5).prop_map(Answer::Scale),
        Just(Answer::DontKnow),
        Just(Answer::NotApplicable),
    ];
    let answers = proptest::collection::vec(proptest::option::of(answer), statements.len());
    let levels = proptest::collection::vec(proptest::option::of(1u8..=5), domains.len());
    let comments = proptest::collection::btree_map(0..statements.len(), "\\PC{0,40}", 0..3);
    let ids = (
        "\\PC{1,36}",
        "[0-9a-f]{32}",
        "p[0-9]{1,2}",
        0..RoleCategory::ALL.len(),
    );
    let times = (any::<i64>(), any::<i64>(), proptest::option::of(any::<i64>()));
    (ids, times, answers, levels, comments).prop_map(
        move |((id, round, org, role), (started, updated, submitted), answers, levels, comments)| Response {
            id,
            round_id: round,
            organisation: org,
            role: RoleCategory::ALL[role],
            answers: statements
                .iter()
                .zip(answers)
                .filter_map(|(s, a)| a.map(|a| (s.clone(), a)))
                .collect(),
            levels: domains
                .iter()
                .zip(levels)
                .filter_map(|(d, l)| l.map(|l| (d.clone(), l)))
                .collect(),
            comments: comments
                .into_iter()
                .map(|(k, text)| (statements[k].clone(), text))
                .collect(),
            ties: Default::default(),
            started: Timestamp(started),
            updated: Timestamp(updated),
            submitted: submitted.map(Timestamp),
        },
    )
}

const CODE_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.";

proptest! {
    #[test]
    fn codes_round_trip(response in arb_response()) {
        let c = catalogue();
        let i = trellis(&c);
        let code = encode_response_code(&i, "full", &response);
        prop_assert!(url_safe(&code[CODE_PREFIX.len()..]));
        prop_assert_eq!(decode_response_code(&code, &c), Ok(file_of(response)));
    }

    #[test]
    fn any_changed_or_missing_character_is_detected(
        response in arb_response(),
        at in any::<prop::sample::Index>(),
        with in any::<prop::sample::Index>(),
    ) {
        let c = catalogue();
        let i = trellis(&c);
        let code = encode_response_code(&i, "full", &response).into_bytes();
        let at = at.index(code.len());
        let mut flipped = code.clone();
        let mut replacement = CODE_ALPHABET[with.index(CODE_ALPHABET.len())];
        if replacement == code[at] {
            replacement = if replacement == b'A' { b'B' } else { b'A' };
        }
        flipped[at] = replacement;
        let mut removed = code.clone();
        removed.remove(at);
        for changed in [flipped, removed] {
            let text = String::from_utf8(changed).expect("ascii");
            let decoded = decode_response_code(&text, &c);
            prop_assert!(decoded.is_err(), "{} decoded to {:?}", text, decoded);
        }
    }

    #[test]
    fn envelopes_round_trip(
        salt in proptest::collection::vec(any::<u8>(), 16),
        iv in proptest::collection::vec(any::<u8>(), 12),
        ciphertext in proptest::collection::vec(any::<u8>(), 16..600),
        iterations in 1u32..=10_000_000,
    ) {
        let e = Envelope { salt, iv, ciphertext, iterations };
        let text = encode_envelope(&e);
        prop_assert!(text.starts_with(ENCRYPTED_PREFIX));
        prop_assert!(url_safe(&text[ENCRYPTED_PREFIX.len()..]));
        prop_assert_eq!(decode_envelope(&text), Ok(e));
    }
}

// ---------------------------------------------------------------------------------------
// Envelopes.

fn envelope() -> Envelope {
    Envelope {
        salt: (0..16).collect(),
        iv: (100..112).collect(),
        ciphertext: (0..=255).collect(),
        iterations: 600_000,
    }
}

#[test]
fn envelope_problems_are_named() {
    fn check(text: &str, expected: TransferError) {
        assert_eq!(decode_envelope(text), Err(expected), "{text}");
    }
    let good = encode_envelope(&envelope());
    assert_eq!(
        decode_envelope(&format!(" {}\n{} ", &good[..50], &good[50..])),
        Ok(envelope())
    );
    check(&good[..good.len() - 2], TransferError::Truncated);
    check(&good.replacen('A', "B", 1), TransferError::Damaged);
    check("TRELLIS1-abc.00000000", TransferError::NotTrellis);
    let bad = |e: Envelope| encode_envelope(&e);
    check(
        &bad(Envelope {
            salt: vec![1; 8],
            ..envelope()
        }),
        TransferError::Malformed(Malformed::PartLength {
            part: EnvelopePart::Salt,
            length: 8,
            expected: 16,
        }),
    );
    check(
        &bad(Envelope {
            iv: vec![1; 16],
            ..envelope()
        }),
        TransferError::Malformed(Malformed::PartLength {
            part: EnvelopePart::Nonce,
            length: 16,
            expected: 12,
        }),
    );
    check(
        &bad(Envelope {
            ciphertext: vec![1; 15],
            ..envelope()
        }),
        TransferError::Malformed(Malformed::NoTag),
    );
    check(
        &bad(Envelope {
            iterations: 0,
            ..envelope()
        }),
        TransferError::Malformed(Malformed::Iterations(0)),
    );
    let c = catalogue();
    assert_eq!(decode_response_code(&good, &c), Err(TransferError::Encrypted));
    assert_eq!(parse_response_file(&good), Err(TransferError::Encrypted));
}

// ---------------------------------------------------------------------------------------
// Finding codes in pasted text.

#[test]
fn codes_are_found_in_an_email_thread() {
    let c = catalogue();
    let i = trellis(&c);
    let first = encode_response_code(&i, "full", &full_response(&i));
    let mut other = full_response(&i);
    other.id = "second".into();
    let second = encode_response_code(
        &i,
        "readiness",
        &Response {
            levels: BTreeMap::new(),
            ..other
        },
    );
    let sealed = encode_envelope(&envelope());
    let broken = |code: &str, width: usize, quote: &str| {
        code.as_bytes()
            .chunks(width)
            .map(|chunk| format!("{quote}{}", String::from_utf8_lossy(chunk)))
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    let email = format!(
        "From: Sam Patel\r\nSubject: RE: Trellis answers\r\n\r\nHi, here are mine:\r\n\r\n{}\r\n\r\n\
         Thanks, Sam\r\n\r\n-----Original Message-----\r\nHere is my code ({}) and a protected one:\r\n\
         {}\r\nBest wishes\r\n> Earlier code:\r\n{}\r\n",
        broken(&first, 76, ""),
        second,
        broken(&sealed, 60, ""),
        broken(&first, 72, "> "),
    );
    assert_eq!(extract_codes(&email), vec![first, second, sealed]);
    assert_eq!(
        extract_codes("No codes here, only TRELLIS1- mentioned."),
        Vec::<String>::new()
    );
}

// ---------------------------------------------------------------------------------------
// Response files.

#[test]
fn response_files_round_trip() {
    let c = catalogue();
    let i = trellis(&c);
    let mut response = full_response(&i);
    response.comments.insert("trust.past".into(), "A comment.".into());
    let text = response_file_json(&i, &response);
    assert_eq!(parse_response_file(&text), Ok(file_of(response.clone())));
    assert_eq!(
        parse_response_file(&format!("\u{feff}{text}")),
        Ok(file_of(response.clone()))
    );
    let code = encode_response_code(&i, "full", &response);
    assert_eq!(
        decode_response_code(&format!("{code}\n"), &c),
        Ok(file_of(response))
    );
}

#[test]
fn response_file_problems_are_named() {
    fn check(text: &str, expected: TransferError) {
        assert_eq!(parse_response_file(text), Err(expected), "{text}");
    }
    let c = catalogue();
    let i = trellis(&c);
    let text = response_file_json(&i, &full_response(&i));
    check(
        r#"{"schema": 1, "collaborations": []}"#,
        TransferError::NotTrellis,
    );
    check("name,role\n", TransferError::NotTrellis);
    check(
        &text.replace("\"format\": 1", "\"format\": 2"),
        TransferError::UnsupportedFormat(2),
    );
    check(&text.replace("\"format\": 1,", ""), TransferError::NoFormat);
    assert!(matches!(
        parse_response_file(&text[..text.len() - 2]),
        Err(TransferError::BadJson(_))
    ));
    assert!(matches!(
        parse_response_file(&text.replace("\"clinician\"", "\"surgeon\"")),
        Err(TransferError::BadJson(_))
    ));
    let padded = format!("{text}{}", " ".repeat(MAX_RESPONSE_BYTES));
    check(
        &padded,
        TransferError::TooLarge {
            limit_bytes: 1024 * 1024,
        },
    );
}

// ---------------------------------------------------------------------------------------
// The import plan.

/// A workspace with collaboration c1 (partners p1-p3) and rounds r1 "Spring" (full mode)
/// and r2 "Autumn" (readiness), plus one stored response "stored" updated at 100.
pub(crate) fn workspace(i: &Instrument) -> Workspace {
    let mut ws = Workspace::default();
    let collaboration = NewCollaboration {
        name: "Northshire".into(),
        partners: vec![
            "Northshire Acute Trust".into(),
            "Northshire County Council".into(),
            "Northshire Community Health".into(),
        ],
    }
    .validate("c1".into(), Timestamp(1))
    .expect("valid collaboration");
    ws.add_collaboration(collaboration);
    for (id, name, mode) in [("r1", "Spring", "full"), ("r2", "Autumn", "readiness")] {
        let round = NewRound {
            name: name.into(),
            date: "2026-03-01".into(),
            mode: mode.into(),
            partner_map: false,
        };
        ws.add_round("c1", &round, i, id.into(), Timestamp(2))
            .expect("valid round");
    }
    ws.responses.push(response("stored", "p1", 100));
    ws
}

pub(crate) fn response(id: &str, organisation: &str, updated: i64) -> Response {
    Response {
        id: id.into(),
        round_id: "r1".into(),
        organisation: organisation.into(),
        role: RoleCategory::Manager,
        answers: [("leadership.visible".to_string(), Answer::Scale(4))].into(),
        levels: BTreeMap::new(),
        comments: BTreeMap::new(),
        ties: Default::default(),
        started: Timestamp(10),
        updated: Timestamp(updated),
        submitted: Some(Timestamp(updated)),
    }
}

fn ok(source: &str, f: impl FnOnce(&mut Response)) -> ImportItem {
    let mut r = response(source, "p2", 100);
    f(&mut r);
    ImportItem::new(source, Ok(file_of(r)))
}

fn item(index: usize, source: &str, response_id: &str, organisation: &str, submitted: bool) -> ImportedItem {
    ImportedItem {
        index,
        source: source.into(),
        rows: 1,
        response_id: response_id.into(),
        organisation: organisation.into(),
        submitted,
    }
}

#[test]
fn import_adds_updates_keeps_and_rejects_item_by_item() {
    let c = catalogue();
    let i = trellis(&c);
    let before = workspace(&i);
    let snapshot = before.clone();
    let items = vec![
        ok("new", |_| {}),
        ok("draft", |r| r.submitted = None),
        ok("newer copy", |r| {
            r.id = "stored".into();
            r.organisation = "p1".into();
            r.updated = Timestamp(200);
            r.answers.insert("trust.past".into(), Answer::DontKnow);
        }),
        ok("same copy", |r| {
            r.id = "stored".into();
            r.organisation = "p1".into();
            r.updated = Timestamp(150);
        }),
        ok("older copy", |r| {
            r.id = "stored".into();
            r.organisation = "p1".into();
            r.updated = Timestamp(50);
        }),
        ok("new again", |r| r.id = "new".into()),
        ok("wrong round", |r| r.round_id = "r2".into()),
        ok("unknown round", |r| r.round_id = "elsewhere".into()),
        ImportItem::new(
            "unknown version",
            Ok(ResponseFile {
                version: "9.9.9".into(),
                ..file_of(response("v", "p1", 1))
            }),
        ),
        ok("unknown organisation", |r| r.organisation = "p9".into()),
        ok("out of scale", |r| {
            r.answers.insert("trust.past".into(), Answer::Scale(6));
        }),
        ok("unknown statement", |r| {
            r.answers.insert("trust.nonsense".into(), Answer::Scale(3));
        }),
        ok("level out of range", |r| {
            r.levels.insert("trust".into(), 6);
        }),
        ok("long comment", |r| {
            r.comments.insert("trust.past".into(), "x".repeat(2001));
        }),
        ImportItem::new("damaged code", Err(TransferError::Damaged)),
    ];
    let (after, report) = plan_import(&before, "r1", &c, items, &BTreeMap::new());
    assert_eq!(before, snapshot, "the input workspace is untouched");
    let acute = "Northshire Acute Trust";
    let council = "Northshire County Council";
    assert_eq!(
        report.added,
        vec![
            item(0, "new", "new", council, true),
            item(1, "draft", "draft", council, false)
        ]
    );
    assert_eq!(report.updated, vec![item(2, "newer copy", "stored", acute, true)]);
    // "same copy" has the stored answers but is older than "newer copy", which has
    // replaced them by then.
    let unchanged = |item, reason| UnchangedItem { item, reason };
    assert_eq!(
        report.unchanged,
        vec![
            unchanged(item(3, "same copy", "stored", acute, true), Unchanged::Older),
            unchanged(item(4, "older copy", "stored", acute, true), Unchanged::Older),
            unchanged(item(5, "new again", "new", council, true), Unchanged::Identical),
        ]
    );
    let rejected: Vec<(&str, TransferError)> = report
        .rejected
        .iter()
        .map(|r| (r.source.as_str(), r.error.clone()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (
                "wrong round",
                TransferError::WrongRound {
                    expected_round_name: "Spring".into(),
                    found: "Autumn".into()
                }
            ),
            (
                "unknown round",
                TransferError::WrongRound {
                    expected_round_name: "Spring".into(),
                    found: "elsewhere".into()
                }
            ),
            (
                "unknown version",
                TransferError::UnknownInstrument {
                    id: "trellis".into(),
                    version: "9.9.9".into()
                }
            ),
            (
                "unknown organisation",
                TransferError::UnknownOrganisation("p9".into())
            ),
            (
                "out of scale",
                TransferError::AnswerOutOfScale {
                    statement: "trust.past".into(),
                    value: 6
                }
            ),
            (
                "unknown statement",
                TransferError::UnknownStatement("trust.nonsense".into())
            ),
            (
                "level out of range",
                TransferError::LevelOutOfRange {
                    domain: "trust".into(),
                    level: 6
                }
            ),
            (
                "long comment",
                TransferError::CommentTooLong {
                    statement: "trust.past".into()
                }
            ),
            ("damaged code", TransferError::Damaged),
        ]
    );
    let not_submitted = report
        .added
        .iter()
        .chain(&report.updated)
        .filter(|i| !i.submitted);
    assert_eq!(not_submitted.count(), 1);
    assert!(report.changes_anything());
    let ids: Vec<&str> = after.responses.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["stored", "new", "draft"]);
    assert_eq!(after.response("stored").map(|r| r.updated), Some(Timestamp(200)));
}

#[test]
fn duplicates_within_one_import_keep_the_newest() {
    let c = catalogue();
    let i = trellis(&c);
    let before = workspace(&i);
    let items = vec![
        ok("first", |r| r.id = "x".into()),
        ok("same again", |r| r.id = "x".into()),
        ok("newer", |r| {
            r.id = "x".into();
            r.updated = Timestamp(300);
            r.answers.insert("trust.past".into(), Answer::DontKnow);
        }),
        ok("older", |r| {
            r.id = "x".into();
            r.updated = Timestamp(5);
        }),
    ];
    let (after, report) = plan_import(&before, "r1", &c, items, &BTreeMap::new());
    let sources = |list: &[ImportedItem]| list.iter().map(|i| i.source.clone()).collect::<Vec<_>>();
    assert_eq!(sources(&report.added), ["first"]);
    assert_eq!(sources(&report.updated), ["newer"]);
    let unchanged: Vec<_> = report.unchanged.iter().map(|u| u.item.source.clone()).collect();
    assert_eq!(unchanged, ["same again", "older"]);
    assert_eq!(after.response("x").map(|r| r.updated), Some(Timestamp(300)));
    assert_eq!(after.responses.len(), before.responses.len() + 1);
}

#[test]
fn import_checks_mode_and_round() {
    let c = catalogue();
    let i = trellis(&c);
    let before = workspace(&i);
    let in_r2 = |f: fn(&mut Response)| {
        let mut r = response("y", "p3", 100);
        r.round_id = "r2".into();
        r.answers.clear();
        f(&mut r);
        vec![ImportItem::new("item", Ok(file_of(r)))]
    };
    let check = |round: &str, items: Vec<ImportItem>, expected: Option<TransferError>| {
        let (after, report) = plan_import(&before, round, &c, items, &BTreeMap::new());
        match expected {
            None => assert_eq!((report.added.len(), report.rejected.len()), (1, 0), "{report:?}"),
            Some(e) => {
                assert_eq!(report.rejected.first().map(|r| r.error.clone()), Some(e));
                assert_eq!(after, before);
            }
        }
    };
    check(
        "r2",
        in_r2(|r| {
            r.answers.insert("leadership.visible".into(), Answer::Scale(2));
        }),
        None,
    );
    check(
        "r2",
        in_r2(|r| {
            r.answers.insert("leadership.learn".into(), Answer::Scale(2));
        }),
        Some(TransferError::StatementNotInMode {
            statement: "leadership.learn".into(),
            mode: "readiness".into(),
        }),
    );
    check(
        "r2",
        in_r2(|r| {
            r.levels.insert("trust".into(), 2);
        }),
        Some(TransferError::LevelsNotAsked {
            mode: "readiness".into(),
        }),
    );
    check(
        "nowhere",
        in_r2(|_| {}),
        Some(TransferError::UnknownRound("nowhere".into())),
    );
    let mut taken = response("stored", "p3", 500);
    taken.round_id = "r2".into();
    taken.answers.clear();
    check(
        "r2",
        vec![ImportItem::new("clash", Ok(file_of(taken)))],
        Some(TransferError::IdInUse("stored".into())),
    );
}

// ---------------------------------------------------------------------------------------
// CSV: Trellis's own format.

/// Response id, organisation, role and number of answers of a CSV row.
type RowSummary = (String, String, RoleCategory, usize);

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

#[test]
fn own_csv_format_is_read_row_by_row() {
    let c = catalogue();
    let i = trellis(&c);
    let ws = workspace(&i);
    let collaboration = ws.collaboration("c1").expect("c1");
    let text = "\u{feff}organisation,Role,response_id,leadership.visible,trust.past,level:trust,comment:trust.past\r\n\
                northshire acute trust,Clinician or practitioner,,4,dk,3,\"Good, mostly.\r\nSome \"\"history\"\".\"\r\n\
                \r\n\
                p2,manager,keep-me,Strongly agree,NA,,\r\n\
                Northshire Community Health,,,,,,\r\n\
                Northshire Acute Trust,surgeon,,4,,,\r\n\
                Northshire Acute Trust,manager,,7,,,\r\n\
                Northshire Acute Trust,manager,,sometimes,,,\r\n\
                Northshire Acute Trust,manager,,4,,9,\r\n\
                Northshire Acute Trust,manager,,4\r\n\
                Nowhere Trust,manager,,4,,,\r\n";
    let headers = csv_headers(text).expect("headers");
    assert_eq!(
        headers,
        [
            "organisation",
            "Role",
            "response_id",
            "leadership.visible",
            "trust.past",
            "level:trust",
            "comment:trust.past"
        ]
    );
    let mapping = suggest_mapping(&headers, &i, "full");
    assert_eq!(
        mapping.columns,
        [
            ColumnTarget::Organisation,
            ColumnTarget::Role,
            ColumnTarget::ResponseId,
            ColumnTarget::Statement("leadership.visible".into()),
            ColumnTarget::Statement("trust.past".into()),
            ColumnTarget::Level("trust".into()),
            ColumnTarget::Comment("trust.past".into()),
        ]
    );
    let rows = parse_csv(
        text,
        &i,
        "full",
        collaboration,
        "r1",
        &mapping,
        counter(),
        Timestamp(77),
    )
    .expect("the file is readable");
    let summary: Vec<(String, Result<RowSummary, TransferError>)> = rows
        .iter()
        .map(|ImportItem { source, result, .. }| {
            (
                source.clone(),
                result.as_ref().map_err(Clone::clone).map(|f| {
                    (
                        f.response.id.clone(),
                        f.response.organisation.clone(),
                        f.response.role,
                        f.response.answers.len(),
                    )
                }),
            )
        })
        .collect();
    let row = |n: u32, r| (format!("CSV row {n}"), r);
    assert_eq!(
        summary,
        vec![
            row(2, Ok(("new-1".into(), "p1".into(), RoleCategory::Clinician, 2))),
            row(5, Ok(("keep-me".into(), "p2".into(), RoleCategory::Manager, 2))),
            row(6, Ok(("new-2".into(), "p3".into(), RoleCategory::Other, 0))),
            row(7, Err(TransferError::UnknownRole("surgeon".into()))),
            row(
                8,
                Err(TransferError::AnswerOutOfScale {
                    statement: "leadership.visible".into(),
                    value: 7
                })
            ),
            row(
                9,
                Err(TransferError::CsvValue {
                    column: "leadership.visible".into(),
                    value: "sometimes".into()
                })
            ),
            row(
                10,
                Err(TransferError::LevelOutOfRange {
                    domain: "trust".into(),
                    level: 9
                })
            ),
            row(
                11,
                Err(TransferError::Csv {
                    line: 11,
                    problem: CsvProblem::RowLength { cells: 4, headers: 7 }
                })
            ),
            row(
                12,
                Err(TransferError::UnknownOrganisation("Nowhere Trust".into()))
            ),
        ]
    );
    let first = rows[0].result.as_ref().expect("first row").response.clone();
    assert_eq!(first.answers.get("trust.past"), Some(&Answer::DontKnow));
    assert_eq!(first.levels.get("trust"), Some(&3));
    assert_eq!(
        first.comments.get("trust.past").map(String::as_str),
        Some("Good, mostly.\r\nSome \"history\".")
    );
    assert_eq!(
        (first.started, first.updated, first.submitted),
        (Timestamp(77), Timestamp(77), Some(Timestamp(77)))
    );
    // The rows import like any other item.
    let (_, report) = plan_import(&ws, "r1", &c, rows, &BTreeMap::new());
    assert_eq!((report.added.len(), report.rejected.len()), (3, 6));
}

#[test]
fn csv_file_problems_stop_the_whole_file() {
    let c = catalogue();
    let i = trellis(&c);
    let ws = workspace(&i);
    let collaboration = ws.collaboration("c1").expect("c1");
    let check = |text: &str, mapping: Option<CsvMapping>, mode: &str, expected: TransferError| {
        let mapping =
            mapping.unwrap_or_else(|| suggest_mapping(&csv_headers(text).unwrap_or_default(), &i, mode));
        assert_eq!(
            parse_csv(
                text,
                &i,
                mode,
                collaboration,
                "r1",
                &mapping,
                counter(),
                Timestamp(1)
            )
            .map(|_| ()),
            Err(expected),
            "{text}"
        );
    };
    let csv_error = |problem: CsvProblem| TransferError::Csv { line: 1, problem };
    check("", None, "full", csv_error(CsvProblem::Empty));
    check(
        "role,leadership.visible\nmanager,4\n",
        None,
        "full",
        csv_error(CsvProblem::NoOrganisationColumn),
    );
    check(
        "organisation,role\np1,manager\n",
        None,
        "full",
        csv_error(CsvProblem::NoStatementColumn),
    );
    check(
        "organisation,leadership.visible\np1,4\n",
        Some(CsvMapping {
            columns: vec![ColumnTarget::Organisation],
        }),
        "full",
        csv_error(CsvProblem::ColumnCount {
            found: 2,
            described: 1,
        }),
    );
    check(
        "organisation,a,b\np1,4,4\n",
        Some(CsvMapping {
            columns: vec![
                ColumnTarget::Organisation,
                ColumnTarget::Statement("trust.past".into()),
                ColumnTarget::Statement("trust.past".into()),
            ],
        }),
        "full",
        csv_error(CsvProblem::SameTarget {
            first: "a".into(),
            second: "b".into(),
        }),
    );
    check(
        "organisation,a\np1,4\n",
        Some(CsvMapping {
            columns: vec![
                ColumnTarget::Organisation,
                ColumnTarget::Statement("leadership.learn".into()),
            ],
        }),
        "readiness",
        csv_error(CsvProblem::Column {
            header: "a".into(),
            problem: Box::new(TransferError::StatementNotInMode {
                statement: "leadership.learn".into(),
                mode: "readiness".into(),
            }),
        }),
    );
    let big = format!(
        "organisation,leadership.visible\n{}",
        "p1,4\n".repeat(MAX_IMPORT_BYTES / 5)
    );
    assert_eq!(
        csv_headers(&big),
        Err(TransferError::TooLarge {
            limit_bytes: 5 * 1024 * 1024
        })
    );
    check(
        &big,
        None,
        "full",
        TransferError::TooLarge {
            limit_bytes: MAX_IMPORT_BYTES,
        },
    );
}

#[test]
fn semicolon_separated_files_are_recognised() {
    let c = catalogue();
    let i = trellis(&c);
    let ws = workspace(&i);
    let text = "organisation;leadership.visible;trust.past\n\"Northshire Acute Trust\";4;\"Don't know\"\n";
    let headers = csv_headers(text).expect("headers");
    assert_eq!(headers, ["organisation", "leadership.visible", "trust.past"]);
    let mapping = suggest_mapping(&headers, &i, "full");
    let rows = parse_csv(
        text,
        &i,
        "full",
        ws.collaboration("c1").expect("c1"),
        "r1",
        &mapping,
        counter(),
        Timestamp(1),
    )
    .expect("readable");
    let answers = rows[0].result.as_ref().map(|f| f.response.answers.clone());
    assert_eq!(
        answers,
        Ok([
            ("leadership.visible".to_string(), Answer::Scale(4)),
            ("trust.past".to_string(), Answer::DontKnow)
        ]
        .into())
    );
}

// ---------------------------------------------------------------------------------------
// CSV: a survey platform's export (Microsoft Forms saved as CSV UTF-8).

#[test]
fn forms_export_columns_are_suggested() {
    let c = catalogue();
    let i = trellis(&c);
    let headers = csv_headers(FORMS).expect("headers");
    assert_eq!(headers.len(), 26);
    assert_eq!(
        headers[0], "ID",
        "the byte order mark is not part of the first header"
    );
    let mapping = suggest_mapping(&headers, &i, "readiness");
    let mut expected = vec![ColumnTarget::Ignore; 6];
    expected.push(ColumnTarget::Organisation);
    expected.push(ColumnTarget::Role);
    expected.extend(
        statement_ids(&i, "readiness")
            .into_iter()
            .map(ColumnTarget::Statement),
    );
    expected.push(ColumnTarget::Ignore); // a full-mode statement, not asked in this round
    expected.push(ColumnTarget::Ignore); // free text
    assert_eq!(mapping.columns, expected);
    // In the full mode the 17th question is asked too.
    let full = suggest_mapping(&headers, &i, "full");
    assert_eq!(
        full.columns[24],
        ColumnTarget::Statement("leadership.learn".into())
    );
}

#[test]
fn suggestions_for_typical_headers() {
    let c = catalogue();
    let i = trellis(&c);
    let check = |header: &str, expected: ColumnTarget| {
        let mapping = suggest_mapping(&[header.to_string()], &i, "full");
        assert_eq!(mapping.columns, [expected], "{header}");
    };
    check("Organisation", ColumnTarget::Organisation);
    check("ORGANIZATION", ColumnTarget::Organisation);
    check("Which organisation do you work for?", ColumnTarget::Organisation);
    check("Role", ColumnTarget::Role);
    check("Your job role", ColumnTarget::Role);
    check("response_id", ColumnTarget::ResponseId);
    check("ID", ColumnTarget::Ignore);
    check("Email", ColumnTarget::Ignore);
    check("Start time", ColumnTarget::Ignore);
    check("Controls", ColumnTarget::Ignore);
    check("Trust.Past", ColumnTarget::Statement("trust.past".into()));
    check(
        "Q3) “Partners trust each other to act with good intentions”",
        ColumnTarget::Statement("trust.good-intentions".into()),
    );
    check("level:vision", ColumnTarget::Level("vision".into()));
    check("level:nowhere", ColumnTarget::Ignore);
    check(
        "comment:vision.shared",
        ColumnTarget::Comment("vision.shared".into()),
    );
    let readiness = suggest_mapping(&["level:vision".to_string()], &i, "readiness");
    assert_eq!(
        readiness.columns,
        [ColumnTarget::Ignore],
        "readiness asks no levels"
    );
    let twice = suggest_mapping(&["Organisation".into(), "Which organisation?".into()], &i, "full");
    assert_eq!(twice.columns, [ColumnTarget::Organisation, ColumnTarget::Ignore]);
}

#[test]
fn forms_export_rows_are_read_with_agreement_words() {
    let c = catalogue();
    let i = trellis(&c);
    let ws = workspace(&i);
    let collaboration = ws.collaboration("c1").expect("c1");
    let headers = csv_headers(FORMS).expect("headers");
    let mapping = suggest_mapping(&headers, &i, "readiness");
    let rows = parse_csv(
        FORMS,
        &i,
        "readiness",
        collaboration,
        "r2",
        &mapping,
        counter(),
        Timestamp(9),
    )
    .expect("readable");
    let sources: Vec<&str> = rows.iter().map(|i| i.source.as_str()).collect();
    assert_eq!(
        sources,
        ["CSV row 2", "CSV row 3", "CSV row 5", "CSV row 7", "CSV row 8"]
    );
    let codes = |k: usize| -> String {
        let file = rows[k].result.as_ref().expect("a good row");
        statement_ids(&i, "readiness")
            .iter()
            .map(|s| file.response.answers.get(s).map_or("-".to_string(), |a| a.code()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(codes(0), "4 5 4 2 4 5 3 4 4 2 1 4 4 4 3 4");
    assert_eq!(codes(1), "dk na - 4 2 5 dk na 4 2 4 4 4 4 4 4");
    assert_eq!(codes(2), "5 4 3 2 1 5 4 3 2 1 5 4 3 2 1 dk");
    let who = |k: usize| {
        let r = &rows[k].result.as_ref().expect("a good row").response;
        (r.organisation.clone(), r.role)
    };
    assert_eq!(who(0), ("p1".to_string(), RoleCategory::Clinician));
    assert_eq!(who(1), ("p2".to_string(), RoleCategory::Manager));
    assert_eq!(who(2), ("p3".to_string(), RoleCategory::SeniorLeader));
    assert_eq!(
        rows[3].result,
        Err(TransferError::CsvValue {
            column: "2. Leaders try to understand the pressures that other partners face.".into(),
            value: "Maybe".into()
        })
    );
    assert_eq!(
        rows[4].result,
        Err(TransferError::UnknownOrganisation("Other hospital".into()))
    );
    let (after, report) = plan_import(&ws, "r2", &c, rows, &BTreeMap::new());
    assert_eq!((report.added.len(), report.rejected.len()), (3, 2));
    assert_eq!(after.responses_for("r2").count(), 3);
}

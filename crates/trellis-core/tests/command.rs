//! Workspace commands: what each one changes, and that a refused one changes nothing.

use trellis_core::command::{Command, CommandError, Outcome, PlanChange};
use trellis_core::format::transfer::InvitationFile;
use trellis_core::format::{
    ActionStatus, Answer, ContextAnswer, RoleCategory, RoundStatus, Timestamp, TombstoneKind, Workspace,
};
use trellis_core::plan::{PlanError, PlanFields};
use trellis_core::workspace::{InputError, NewCollaboration, NewRound};
use trellis_core::Catalogue;

use Command as C;
use CommandError::{Input, Plan};
use Outcome::{Changed, Unchanged};

const NOW: Timestamp = Timestamp(100);

fn catalogue() -> Catalogue {
    Catalogue::shipped().expect("shipped catalogue")
}

fn s(text: &str) -> String {
    text.to_string()
}

fn new_round(date: &str) -> NewRound {
    NewRound {
        name: s("Spring"),
        date: s(date),
        mode: s("full"),
        partner_map: false,
    }
}

fn add_collaboration(id: &str, partners: &[&str], date: &str) -> Command {
    C::AddCollaboration {
        collaboration: NewCollaboration {
            name: s("North alliance"),
            partners: partners.iter().map(|p| s(p)).collect(),
        },
        id: s(id),
        round: new_round(date),
        round_id: format!("{id}-r"),
        now: NOW,
    }
}

fn start(id: &str) -> Command {
    C::StartResponse {
        round: s("c1-r"),
        organisation: s("p1"),
        role: RoleCategory::Manager,
        id: s(id),
        now: NOW,
    }
}

fn answer(response: &str, value: u8) -> Command {
    C::Answer {
        response: s(response),
        statement: s("leadership.visible"),
        answer: Some(Answer::Scale(value)),
        now: NOW,
    }
}

fn plan(change: PlanChange) -> Command {
    C::Plan {
        round: s("c1-r"),
        change,
        now: NOW,
    }
}

fn fields(title: &str) -> PlanFields {
    PlanFields {
        title: s(title),
        owner: s("Chief nurse"),
        due: s("2027-03-31"),
        measure: s("Staff know who to call"),
        status: ActionStatus::Planned,
    }
}

fn invitation(round: &str, version: &str) -> InvitationFile {
    InvitationFile {
        format: 1,
        round_id: s(round),
        round_name: s("Autumn"),
        date: s("2026-10-01"),
        collaboration_id: s("c9"),
        collaboration: s("South"),
        partners: Vec::new(),
        instrument: s("trellis"),
        version: s(version),
        mode: s("full"),
        contact: None,
        partner_map: false,
    }
}

/// Collaboration `c1` (partners `p1`, `p2`) with round `c1-r`, an unsent response `x1`
/// with one answer, and a sent response `x2`; every step is itself a command.
fn base() -> Workspace {
    let mut ws = Workspace::default();
    let steps = [
        add_collaboration("c1", &["Trust", "Council"], "2026-03-01"),
        start("x1"),
        answer("x1", 4),
        start("x2"),
        C::Submit {
            response: s("x2"),
            now: NOW,
        },
    ];
    for step in steps {
        ws.apply(&catalogue(), step).expect("base step applies");
    }
    ws
}

/// Applies `command` to [`base`]; it must succeed with `outcome`, and `what` of the
/// result must be `expected`.
fn check<T: PartialEq + std::fmt::Debug>(
    command: Command,
    outcome: Outcome,
    what: impl Fn(&Workspace) -> T,
    expected: T,
) {
    let mut ws = base();
    assert_eq!(
        ws.apply(&catalogue(), command.clone()),
        Ok(outcome),
        "{command:?}"
    );
    assert_eq!(what(&ws), expected, "{command:?}");
}

/// Applies `command` to `ws`; it must be refused with `error` and leave `ws` as it was.
fn refused_on(mut ws: Workspace, command: Command, error: CommandError) {
    let before = ws.clone();
    assert_eq!(ws.apply(&catalogue(), command.clone()), Err(error), "{command:?}");
    assert_eq!(ws, before, "{command:?} changed the workspace");
}

fn refused(command: Command, error: CommandError) {
    refused_on(base(), command, error);
}

fn round(ws: &Workspace) -> &trellis_core::format::Round {
    ws.round("c1-r").expect("round c1-r").1
}

fn response(ws: &Workspace, id: &str) -> trellis_core::format::Response {
    ws.response(id).expect("response").clone()
}

#[test]
fn setting_up() {
    check(
        add_collaboration("c2", &["A", "B"], "2026-05-01"),
        Changed,
        |ws| ws.round("c2-r").map(|(c, r)| (s(&c.id), s(&r.date))),
        Some((s("c2"), s("2026-05-01"))),
    );
    let add_round = C::AddRound {
        collaboration: s("c1"),
        round: new_round("2026-09-01"),
        id: s("r2"),
        now: NOW,
    };
    check(
        add_round,
        Changed,
        |ws| ws.round("r2").map(|(c, r)| (s(&c.id), r.instrument_id.clone())),
        Some((s("c1"), s("trellis"))),
    );
    let contact = C::SetContact {
        collaboration: s("c1"),
        contact: s(" lead@example.org "),
    };
    check(
        contact,
        Changed,
        |ws| ws.collaboration("c1").and_then(|c| c.contact.clone()),
        Some(s("lead@example.org")),
    );
    let context = C::SetContext {
        collaboration: s("c1"),
        question: s("partners"),
        answer: Some(ContextAnswer::Number(5)),
    };
    check(
        context,
        Changed,
        |ws| ws.collaboration("c1").map(|c| c.context.get("partners").cloned()),
        Some(Some(ContextAnswer::Number(5))),
    );
    check(
        C::SetStatus {
            round: s("c1-r"),
            status: RoundStatus::Closed,
        },
        Changed,
        |ws| round(ws).status,
        RoundStatus::Closed,
    );
}

#[test]
fn answering() {
    check(
        start("x3"),
        Changed,
        |ws| response(ws, "x3").organisation,
        s("p1"),
    );
    check(
        answer("x1", 2),
        Changed,
        |ws| response(ws, "x1").answers.get("leadership.visible").copied(),
        Some(Answer::Scale(2)),
    );
    let level = C::ChooseLevel {
        response: s("x1"),
        domain: s("leadership"),
        level: Some(3),
        now: NOW,
    };
    check(
        level,
        Changed,
        |ws| response(ws, "x1").levels.get("leadership").copied(),
        Some(3),
    );
    let comment = C::Comment {
        response: s("x1"),
        statement: s("leadership.visible"),
        text: s("Rarely seen"),
        now: NOW,
    };
    check(
        comment,
        Changed,
        |ws| response(ws, "x1").comments.get("leadership.visible").cloned(),
        Some(s("Rarely seen")),
    );
    check(
        C::Submit {
            response: s("x1"),
            now: Timestamp(200),
        },
        Changed,
        |ws| response(ws, "x1").submitted,
        Some(Timestamp(200)),
    );
}

#[test]
fn facilitating() {
    let consensus = C::SetConsensus {
        round: s("c1-r"),
        domain: s("trust"),
        level: Some(2),
        rationale: s("Mixed"),
        evidence: String::new(),
        now: NOW,
    };
    check(
        consensus,
        Changed,
        |ws| {
            round(ws)
                .consensus
                .get("trust")
                .map(|c| (c.level, c.rationale.clone()))
        },
        Some((Some(2), s("Mixed"))),
    );
    let target = C::SetTarget {
        round: s("c1-r"),
        domain: s("trust"),
        level: Some(4),
    };
    check(
        target,
        Changed,
        |ws| round(ws).targets.get("trust").copied(),
        Some(4),
    );
}

#[test]
fn invitations() {
    let fresh = C::AcceptInvitation {
        invitation: invitation("r9", "1.0.0"),
        now: NOW,
    };
    check(
        fresh,
        Changed,
        |ws| ws.round("r9").map(|(c, _)| s(&c.name)),
        Some(s("South")),
    );
    // Opening the link again, or on the facilitator's device, changes nothing.
    let again = C::AcceptInvitation {
        invitation: invitation("c1-r", "1.0.0"),
        now: NOW,
    };
    check(again, Unchanged, Workspace::clone, base());
}

/// A browser that has only answered (every collaboration arrived with an invitation)
/// stays so while its owner answers and sends; setting one up, or merging in a
/// facilitator's file, makes it a facilitator's browser. Opening an invitation on the
/// facilitator's own browser changes nothing, so that browser never looks answer-only.
#[test]
fn a_browser_that_only_answered() {
    let accept = |ws: &mut Workspace, round: &str| {
        let mut invitation = invitation(round, "1.0.0");
        invitation.partners = vec![trellis_core::format::Partner {
            id: s("p1"),
            name: s("South Trust"),
        }];
        let now = NOW;
        ws.apply(&catalogue(), C::AcceptInvitation { invitation, now })
    };
    let mut phone = Workspace::default();
    assert!(!phone.only_answered(), "an empty browser is nobody's yet");
    assert_eq!(accept(&mut phone, "r9"), Ok(Changed));
    assert!(phone.only_answered());
    let steps = [
        C::StartResponse {
            round: s("r9"),
            organisation: s("p1"),
            role: RoleCategory::Manager,
            id: s("y1"),
            now: NOW,
        },
        C::Submit {
            response: s("y1"),
            now: NOW,
        },
    ];
    for step in steps {
        assert_eq!(phone.apply(&catalogue(), step.clone()), Ok(Changed), "{step:?}");
        assert!(phone.only_answered(), "{step:?}");
    }
    assert_eq!(accept(&mut phone, "r8"), Ok(Changed), "a second invitation");
    assert!(phone.only_answered());

    let mut set_up = phone.clone();
    assert_eq!(
        set_up.apply(&catalogue(), add_collaboration("c2", &["A", "B"], "2026-05-01")),
        Ok(Changed)
    );
    assert!(!set_up.only_answered());
    let mut restored = phone.clone();
    assert_eq!(
        restored.apply(&catalogue(), C::Merge(Box::new(base()))),
        Ok(Changed)
    );
    assert!(!restored.only_answered());

    let mut facilitator = base();
    assert_eq!(accept(&mut facilitator, "c1-r"), Ok(Unchanged));
    assert!(!facilitator.only_answered());
}

#[test]
fn plans() {
    let titles = |ws: &Workspace| {
        round(ws)
            .plan
            .iter()
            .map(|i| (s(&i.id), s(&i.title), i.status))
            .collect::<Vec<_>>()
    };
    let adopt = plan(PlanChange::Adopt {
        action: s("leadership.be-seen"),
        id: s("a1"),
    });
    check(
        adopt,
        Changed,
        |ws| {
            round(ws)
                .plan
                .iter()
                .map(|i| i.action.clone())
                .collect::<Vec<_>>()
        },
        vec![Some(s("leadership.be-seen"))],
    );
    let add = plan(PlanChange::Add {
        domain: s("trust"),
        fields: fields(" Buddy scheme "),
        id: s("a2"),
    });
    check(
        add,
        Changed,
        titles,
        vec![(s("a2"), s("Buddy scheme"), ActionStatus::Planned)],
    );

    let mut with_item = base();
    let add = plan(PlanChange::Add {
        domain: s("trust"),
        fields: fields("Buddy scheme"),
        id: s("a2"),
    });
    with_item.apply(&catalogue(), add).expect("added");
    let on_item = |change: PlanChange| {
        let mut ws = with_item.clone();
        assert_eq!(ws.apply(&catalogue(), plan(change)), Ok(Changed));
        titles(&ws)
    };
    assert_eq!(
        on_item(PlanChange::Update {
            item: s("a2"),
            fields: fields("Buddies")
        }),
        [(s("a2"), s("Buddies"), ActionStatus::Planned)]
    );
    assert_eq!(
        on_item(PlanChange::Status {
            item: s("a2"),
            status: ActionStatus::Done
        }),
        [(s("a2"), s("Buddy scheme"), ActionStatus::Done)]
    );
    assert_eq!(on_item(PlanChange::Remove { item: s("a2") }), []);
}

#[test]
fn whole_workspaces() {
    let other = {
        let mut ws = Workspace::default();
        ws.apply(&catalogue(), add_collaboration("c2", &["A", "B"], "2026-05-01"))
            .expect("other");
        ws
    };
    check(
        C::Merge(Box::new(other.clone())),
        Changed,
        |ws| ws.collaborations.len(),
        2,
    );
    // Nothing new (another tab echoing this one): unchanged, so nothing is saved.
    check(C::Merge(Box::new(base())), Unchanged, Workspace::clone, base());
    check(
        C::ReplaceWorkspace(Box::new(other.clone())),
        Changed,
        Workspace::clone,
        other,
    );
    check(C::RemoveExamples, Unchanged, Workspace::clone, base());

    let mut with_example = base();
    let instrument = catalogue().latest("trellis").expect("instrument").clone();
    trellis_core::example::add_example(&mut with_example, &instrument, 1, "2026-11-30", NOW)
        .expect("example");
    assert_eq!(with_example.apply(&catalogue(), C::RemoveExamples), Ok(Changed));
    assert_eq!(with_example, base());
}

#[test]
fn deleting_and_undoing() {
    for (kind, id) in [
        (TombstoneKind::Collaboration, "c1"),
        (TombstoneKind::Round, "c1-r"),
        (TombstoneKind::Response, "x2"),
    ] {
        let mut ws = base();
        let deleted = match ws.apply(
            &catalogue(),
            C::Delete {
                kind,
                id: s(id),
                now: NOW,
            },
        ) {
            Ok(Outcome::Deleted(d)) => d,
            other => panic!("{kind:?} {id}: {other:?}"),
        };
        assert!(ws.is_deleted(kind, id), "{kind:?} {id}");
        assert_eq!(
            ws.apply(&catalogue(), C::UndoDelete(deleted.clone())),
            Ok(Changed)
        );
        // Put back exactly, tombstone gone; and only once.
        assert_eq!(ws, base(), "{kind:?} {id}");
        refused_on(ws, C::UndoDelete(deleted), Input(undo_refusal(kind)));
    }
}

fn undo_refusal(kind: TombstoneKind) -> InputError {
    match kind {
        TombstoneKind::Collaboration => InputError::UnknownCollaboration,
        TombstoneKind::Round => InputError::UnknownRound,
        TombstoneKind::Response => InputError::UnknownResponse,
    }
}

#[test]
fn refused_commands_change_nothing() {
    use InputError::*;
    refused(
        add_collaboration("c2", &["Only one"], "2026-05-01"),
        Input(TooFewPartners),
    );
    refused(
        add_collaboration("c2", &["A", "B"], "2026-02-30"),
        Input(BadDate(s("2026-02-30"))),
    );
    refused(
        C::AddRound {
            collaboration: s("nope"),
            round: new_round("2026-09-01"),
            id: s("r2"),
            now: NOW,
        },
        Input(UnknownCollaboration),
    );
    refused(
        C::StartResponse {
            round: s("c1-r"),
            organisation: s("p9"),
            role: RoleCategory::Other,
            id: s("x3"),
            now: NOW,
        },
        Input(UnknownOrganisation),
    );
    refused(answer("nope", 3), Input(UnknownResponse));
    refused(answer("x1", 9), Input(AnswerOutOfScale(9)));
    refused(answer("x2", 3), Input(AlreadySubmitted));
    refused(
        C::ChooseLevel {
            response: s("x1"),
            domain: s("trust"),
            level: Some(9),
            now: NOW,
        },
        Input(LevelOutOfRange(9)),
    );
    refused(
        C::Comment {
            response: s("x1"),
            statement: s("leadership.visible"),
            text: "x".repeat(2001),
            now: NOW,
        },
        Input(CommentTooLong),
    );
    refused(
        C::Submit {
            response: s("x2"),
            now: NOW,
        },
        Input(AlreadySubmitted),
    );
    refused(
        C::SetContext {
            collaboration: s("c1"),
            question: s("nope"),
            answer: None,
        },
        Input(UnknownContextQuestion(s("nope"))),
    );
    refused(
        C::SetConsensus {
            round: s("c1-r"),
            domain: s("trust"),
            level: None,
            rationale: "x".repeat(4001),
            evidence: String::new(),
            now: NOW,
        },
        Input(NoteTooLong),
    );
    refused(
        C::SetTarget {
            round: s("c1-r"),
            domain: s("nope"),
            level: Some(2),
        },
        Input(UnknownDomain(s("nope"))),
    );
    refused(
        C::SetStatus {
            round: s("nope"),
            status: RoundStatus::Closed,
        },
        Input(UnknownRound),
    );
    refused(
        C::SetContact {
            collaboration: s("c1"),
            contact: s("a\u{7}b"),
        },
        Input(BadContact),
    );
    refused(
        C::Delete {
            kind: TombstoneKind::Response,
            id: s("nope"),
            now: NOW,
        },
        Input(UnknownResponse),
    );
}

#[test]
fn refused_plan_changes_change_nothing() {
    refused(
        plan(PlanChange::Adopt {
            action: s("nope"),
            id: s("a1"),
        }),
        Plan(PlanError::UnknownAction(s("nope"))),
    );
    refused(
        plan(PlanChange::Add {
            domain: s("trust"),
            fields: fields(" "),
            id: s("a1"),
        }),
        Plan(PlanError::TitleMissing),
    );
    refused(
        plan(PlanChange::Update {
            item: s("nope"),
            fields: fields("T"),
        }),
        Plan(PlanError::UnknownItem),
    );
    refused(
        plan(PlanChange::Remove { item: s("nope") }),
        Plan(PlanError::UnknownItem),
    );
    // A missing round is the same error whichever change it is.
    let elsewhere = C::Plan {
        round: s("nope"),
        change: PlanChange::Remove { item: s("a1") },
        now: NOW,
    };
    refused(elsewhere, Input(InputError::UnknownRound));
}

#[test]
fn a_closed_round_takes_no_answers() {
    let mut closed = base();
    closed
        .apply(
            &catalogue(),
            C::SetStatus {
                round: s("c1-r"),
                status: RoundStatus::Closed,
            },
        )
        .expect("closed");
    refused_on(closed.clone(), answer("x1", 3), Input(InputError::RoundClosed));
    refused_on(closed, start("x3"), Input(InputError::RoundClosed));
}

#[test]
fn an_instrument_this_build_lacks_is_named() {
    let unknown = |version: Option<&str>| CommandError::UnknownInstrument {
        id: s("trellis"),
        version: version.map(s),
    };
    let mut newer = base();
    newer.collaborations[0].rounds[0].instrument_version = s("9.0.0");
    refused_on(
        newer.clone(),
        C::SetTarget {
            round: s("c1-r"),
            domain: s("trust"),
            level: Some(2),
        },
        unknown(Some("9.0.0")),
    );
    refused_on(newer, answer("x1", 3), unknown(Some("9.0.0")));
    refused(
        C::AcceptInvitation {
            invitation: invitation("r9", "9.0.0"),
            now: NOW,
        },
        unknown(Some("9.0.0")),
    );
}

/// What a respondent's entry applies: the answering commands, with exactly the effect
/// `apply` has, and nothing else.
#[test]
fn the_respondents_entry_applies_answering_commands_only() {
    let answering = [
        start("x3"),
        answer("x1", 2),
        C::ChooseLevel {
            response: s("x1"),
            domain: s("leadership"),
            level: Some(3),
            now: NOW,
        },
        C::Comment {
            response: s("x1"),
            statement: s("leadership.visible"),
            text: s("Rarely seen"),
            now: NOW,
        },
        C::Submit {
            response: s("x1"),
            now: NOW,
        },
        C::Merge(Box::default()),
    ];
    for command in answering {
        let (mut full, mut answering_only) = (base(), base());
        let expected = full.apply(&catalogue(), command.clone());
        assert_eq!(
            answering_only.apply_answering(&catalogue(), command.clone()),
            expected,
            "{command:?}"
        );
        assert_eq!(answering_only, full, "{command:?}");
    }
    let facilitating = [
        add_collaboration("c2", &["A", "B"], "2026-05-01"),
        C::SetStatus {
            round: s("c1-r"),
            status: RoundStatus::Closed,
        },
        C::RemoveExamples,
        C::Delete {
            kind: TombstoneKind::Response,
            id: s("x2"),
            now: NOW,
        },
    ];
    for command in facilitating {
        let mut ws = base();
        assert_eq!(
            ws.apply_answering(&catalogue(), command.clone()),
            Err(CommandError::NotAnswering),
            "{command:?}"
        );
        assert_eq!(ws, base(), "{command:?} changed the workspace");
    }
}

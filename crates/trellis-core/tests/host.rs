//! Events for an embedding host page: the exact JSON shape the README promises.

use serde_json::{json, Value};
use trellis_core::command::Command;
use trellis_core::format::{Answer, HostEvent, RoleCategory, Timestamp, Workspace};
use trellis_core::workspace::{NewCollaboration, NewRound};
use trellis_core::Catalogue;

/// Collaboration `c1`, round `r1`, and response `x1` (one answer, one level), sent.
fn workspace() -> Workspace {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let (now, text) = (Timestamp(1), |t: &str| t.to_string());
    let steps = [
        Command::AddCollaboration {
            collaboration: NewCollaboration {
                name: text("North"),
                partners: vec![text("Trust"), text("Council")],
            },
            id: text("c1"),
            round: NewRound {
                name: text("Spring"),
                date: text("2026-03-01"),
                mode: text("full"),
                partner_map: false,
            },
            round_id: text("r1"),
            now,
        },
        Command::StartResponse {
            round: text("r1"),
            organisation: text("p1"),
            role: RoleCategory::Manager,
            id: text("x1"),
            now,
        },
        Command::Answer {
            response: text("x1"),
            statement: text("leadership.visible"),
            answer: Some(Answer::DontKnow),
            now,
        },
        Command::ChooseLevel {
            response: text("x1"),
            domain: text("leadership"),
            level: Some(2),
            now,
        },
        Command::Submit {
            response: text("x1"),
            now,
        },
    ];
    let mut ws = Workspace::default();
    for step in steps {
        ws.apply(&catalogue, step).expect("step applies");
    }
    ws
}

fn check(event: Option<HostEvent>, expected: Value) {
    let event = event.expect("an event");
    assert_eq!(serde_json::to_value(&event).expect("serialises"), expected);
}

#[test]
fn events_have_the_documented_shape() {
    let ws = workspace();
    check(
        HostEvent::round_closed(&ws, "r1"),
        json!({"source": "trellis", "type": "round-closed", "round": "r1", "collaboration": "c1"}),
    );
    check(
        HostEvent::response_sent(&ws, "x1", false),
        json!({"source": "trellis", "type": "response-sent", "round": "r1", "collaboration": "c1", "response": "x1"}),
    );
    check(
        HostEvent::response_sent(&ws, "x1", true),
        json!({
            "source": "trellis", "type": "response-sent", "round": "r1", "collaboration": "c1", "response": "x1",
            "answers": {"leadership.visible": "dk"}, "levels": {"leadership": 2}
        }),
    );
}

#[test]
fn no_event_about_what_is_not_there() {
    let ws = workspace();
    assert_eq!(HostEvent::round_closed(&ws, "nope"), None);
    assert_eq!(HostEvent::response_sent(&ws, "nope", true), None);
}

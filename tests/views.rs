//! Native rendering tests of the pure views, through yew's server renderer (no browser).
//!
//! `LocalServerRenderer` is the single-threaded form of `ServerRenderer`: view props hold
//! `Rc` and callbacks, which are not `Send`.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use expect_test::expect;
use trellis::browser::storage::StorageProblem;
use trellis::components::level_choice::LevelChoiceProps;
use trellis::components::notice::{StorageFillingProps, StorageNoticeProps};
use trellis::components::progress::ProgressProps;
use trellis::components::question::QuestionProps;
use trellis::components::{
    BarChartProps, BarChartView, Choice, ErrorSummary, ErrorSummaryProps, LevelChoice, Progress, Question,
    StorageFilling, StorageNotice,
};
use trellis_core::chart::bar_chart;
use trellis_core::format::Answer;
use trellis_core::workspace::LoadError;
use yew::{AttrValue, BaseComponent, Callback, LocalServerRenderer};

/// Renders a component with the given props to an HTML string.
fn render<C: BaseComponent>(props: C::Properties) -> String {
    futures::executor::block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// The markup with a line break after every tag, so a snapshot's diff shows which element
/// changed rather than one very long line.
fn pretty(html: &str) -> String {
    html.replace('>', ">\n")
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

fn choices() -> Rc<Vec<Choice>> {
    let mut list: Vec<Choice> = (1..=5)
        .map(|v| Choice {
            answer: Answer::Scale(v),
            label: format!("Point {v}").into(),
        })
        .collect();
    list.push(Choice {
        answer: Answer::DontKnow,
        label: "Don't know".into(),
    });
    list.push(Choice {
        answer: Answer::NotApplicable,
        label: "Not applicable".into(),
    });
    Rc::new(list)
}

fn question(selected: Option<Answer>, comment: &str) -> String {
    render::<Question>(QuestionProps {
        id: "trust.talk".into(),
        number: 7,
        text: "We talk <often>.".into(),
        choices: choices(),
        selected,
        comment: comment.to_string().into(),
        on_answer: Callback::noop(),
        on_comment: Callback::noop(),
    })
}

/// Every answer is a radio input with its own label in one fieldset, the statement's text
/// is escaped (never markup), and the comment box has a label too.
#[test]
fn question_is_a_labelled_radio_group() {
    expect![[r#"
        <fieldset data-testid="question-trust.talk" class="question">
        <legend>
        <span class="question-number">
        7. </span>
        We talk &lt;often&gt;.</legend>
        <div class="choices">
        <div class="choice">
        <input value="1" type="radio" id="answer-trust.talk-1" name="answer-trust.talk">
        <label for="answer-trust.talk-1">
        Point 1</label>
        </div>
        <div class="choice">
        <input value="2" type="radio" id="answer-trust.talk-2" name="answer-trust.talk">
        <label for="answer-trust.talk-2">
        Point 2</label>
        </div>
        <div class="choice">
        <input value="3" type="radio" id="answer-trust.talk-3" name="answer-trust.talk">
        <label for="answer-trust.talk-3">
        Point 3</label>
        </div>
        <div class="choice">
        <input value="4" type="radio" id="answer-trust.talk-4" name="answer-trust.talk">
        <label for="answer-trust.talk-4">
        Point 4</label>
        </div>
        <div class="choice">
        <input value="5" type="radio" id="answer-trust.talk-5" name="answer-trust.talk">
        <label for="answer-trust.talk-5">
        Point 5</label>
        </div>
        <div class="choice choice-aside">
        <input value="dk" type="radio" id="answer-trust.talk-dk" name="answer-trust.talk">
        <label for="answer-trust.talk-dk">
        Don't know</label>
        </div>
        <div class="choice choice-aside">
        <input value="na" type="radio" id="answer-trust.talk-na" name="answer-trust.talk">
        <label for="answer-trust.talk-na">
        Not applicable</label>
        </div>
        </div>
        <details class="comment">
        <summary>
        Add a comment (optional)</summary>
        <label for="comment-trust.talk">
        Your comment</label>
        <textarea id="comment-trust.talk" rows="3" maxlength="2000">
        </textarea>
        </details>
        </fieldset>
    "#]]
    .assert_eq(&pretty(&question(None, "")));
}

#[test]
fn question_shows_the_chosen_answer_and_comment() {
    let html = question(Some(Answer::DontKnow), "We meet monthly");
    assert_eq!(count(&html, "checked"), 1, "{html}");
    let checked_at = html.find("checked").unwrap_or(0);
    let input_start = html[..checked_at].rfind("<input").unwrap_or(0);
    assert!(html[input_start..checked_at].contains("value=\"dk\""), "{html}");
    assert!(html.contains("Clear my answer"));
    assert!(html.contains("We meet monthly"));
    assert!(
        html.contains("<details open=\"open\" class=\"comment\">"),
        "{html}"
    );
}

#[test]
fn level_choice_offers_every_level_in_a_fieldset() {
    let html = render::<LevelChoice>(LevelChoiceProps {
        domain: "trust".into(),
        levels: vec![
            ("Forming".into(), "Just met.".into()),
            ("Thriving".into(), "Deep trust.".into()),
        ],
        selected: Some(2),
        on_choose: Callback::noop(),
    });
    expect![[r#"
        <fieldset data-testid="levels-trust" class="level-choice">
        <legend>
        Which description fits this collaboration best today?</legend>
        <p class="hint">
        Choose the one closest to how things are now, not how you would like them to be.</p>
        <div class="level-option">
        <input value="1" type="radio" id="level-trust-1" name="level-trust">
        <label for="level-trust-1">
        <strong>
        1. Forming</strong>
        <span class="level-description">
        Just met.</span>
        </label>
        </div>
        <div class="level-option">
        <input value="2" checked type="radio" id="level-trust-2" name="level-trust">
        <label for="level-trust-2">
        <strong>
        2. Thriving</strong>
        <span class="level-description">
        Deep trust.</span>
        </label>
        </div>
        <button type="button" class="link-button">
        Clear my choice</button>
        </fieldset>
    "#]]
    .assert_eq(&pretty(&html));
}

#[test]
fn progress_says_where_the_respondent_is() {
    let progress = |step, answered, minutes_left| {
        pretty(&render::<Progress>(ProgressProps {
            step,
            steps: 10,
            answered,
            statements: 49,
            minutes_left: Some(minutes_left),
            partner_step: false,
        }))
    };
    expect![[r#"
        <div data-testid="progress" class="progress">
        <p data-testid="progress-step" class="progress-step">
        Topic 2 of 9</p>
        <progress max="49" aria-label="Statements answered" value="12">
        </progress>
        <p role="status" class="progress-count">
        12 of 49 statements answered. About 15 minutes left.</p>
        </div>
    "#]]
    .assert_eq(&progress(2, 12, 15));
    // The last step is the review of every answer, not a topic.
    expect![[r#"
        <div data-testid="progress" class="progress">
        <p data-testid="progress-step" class="progress-step">
        Last step of 10: review</p>
        <progress max="49" aria-label="Statements answered" value="49">
        </progress>
        <p role="status" class="progress-count">
        49 of 49 statements answered. All done.</p>
        </div>
    "#]]
    .assert_eq(&progress(10, 49, 0));
}

#[test]
fn bar_chart_has_a_text_alternative_and_one_bar_per_value() {
    let chart = bar_chart(
        &[("Trust".into(), Some(3.25)), ("Vision".into(), None)],
        1.0,
        5.0,
        "not enough answers",
    );
    let html = render::<BarChartView>(BarChartProps {
        id: "scores".into(),
        title: "Scores by topic".into(),
        description: "Trust 3.3; Vision not enough answers.".into(),
        chart,
    });
    // An image with a title and description, one bar for the topic with a score and a
    // note instead of a bar for the topic without.
    expect![[r#"
        <figure class="chart">
        <svg width="100%" height="143" role="img" aria-labelledby="scores-title scores-desc" data-testid="scores-svg">
        <title id="scores-title">
        Scores by topic</title>
        <desc id="scores-desc">
        Trust 3.3; Vision not enough answers.</desc>
        <g class="tick">
        <line x1="0%" x2="0%" y1="0" y2="120">
        </line>
        <text x="0%" y="135" text-anchor="start">
        1</text>
        </g>
        <g class="tick">
        <line x1="21.5%" x2="21.5%" y1="0" y2="120">
        </line>
        <text x="21.5%" y="135" text-anchor="middle">
        2</text>
        </g>
        <g class="tick">
        <line x1="43%" x2="43%" y1="0" y2="120">
        </line>
        <text x="43%" y="135" text-anchor="middle">
        3</text>
        </g>
        <g class="tick">
        <line x1="64.5%" x2="64.5%" y1="0" y2="120">
        </line>
        <text x="64.5%" y="135" text-anchor="middle">
        4</text>
        </g>
        <g class="tick">
        <line x1="86%" x2="86%" y1="0" y2="120">
        </line>
        <text x="86%" y="135" text-anchor="middle">
        5</text>
        </g>
        <g class="bar">
        <text y="19" text-anchor="start" class="bar-label">
        <tspan x="0" dy="0">
        Trust</tspan>
        </text>
        <rect x="0" y="28" width="48.38%" height="20" class="bar-fill">
        </rect>
        <text x="48.38%" dx="6" y="43.3" class="bar-value">
        3.3</text>
        </g>
        <g class="bar">
        <text y="77" text-anchor="start" class="bar-label">
        <tspan x="0" dy="0">
        Vision</tspan>
        </text>
        <text x="0%" dx="0" y="101.3" class="bar-value">
        not enough answers</text>
        </g>
        </svg>
        </figure>
    "#]].assert_eq(&pretty(&html));
}

#[test]
fn storage_notice_explains_each_problem() {
    assert_eq!(
        render::<StorageNotice>(StorageNoticeProps {
            problem: None,
            children: yew::Html::default()
        }),
        ""
    );
    let cases = [
        (StorageProblem::Unavailable, "not letting Trellis save"),
        (StorageProblem::WriteFailed, "could not be saved"),
        (
            StorageProblem::Damaged {
                error: LoadError::Damaged("bad".into()),
                kept_as: Some("trellis.workspace.damaged.1".into()),
            },
            "(the saved data is damaged: bad). It has kept a copy under \"trellis.workspace.damaged.1\"",
        ),
        (
            StorageProblem::Damaged {
                error: LoadError::NoSchema,
                kept_as: None,
            },
            "(the saved data is not a Trellis workspace: it has no storage version), and could not make a copy of it. To protect it, nothing you do now will be saved",
        ),
        (
            StorageProblem::Newer(LoadError::NewerSchema(9)),
            "The saved data was written by a newer version of Trellis (storage version 9; this version reads up to",
        ),
    ];
    for (problem, expected) in cases {
        let html = render::<StorageNotice>(StorageNoticeProps {
            children: yew::Html::default(),
            problem: Some(problem.clone()),
        });
        assert!(html.contains("role=\"alert\""), "{html}");
        assert!(html.contains(expected), "{problem:?}: {html}");
    }
}

#[test]
fn storage_filling_is_a_calm_notice_with_the_figure_and_the_way_to_make_room() {
    for on_data_page in [false, true] {
        let html = render::<StorageFilling>(StorageFillingProps {
            percent: 83,
            on_data_page,
        });
        assert!(
            html.contains("role=\"status\"") && !html.contains("alert"),
            "{html}"
        );
        assert!(html.contains("Trellis is using 83% of the space"), "{html}");
        // The link to "Your data" is left out on that page itself.
        assert_eq!(html.contains("#/data"), !on_data_page, "{html}");
    }
}

#[test]
fn error_summary_lists_each_problem_or_nothing() {
    assert_eq!(
        render::<ErrorSummary>(ErrorSummaryProps {
            errors: vec![],
            on_select: Callback::noop()
        }),
        ""
    );
    let html = render::<ErrorSummary>(ErrorSummaryProps {
        errors: vec![(
            AttrValue::from("partners"),
            AttrValue::from("Enter at least two partner organisations"),
        )],
        on_select: Callback::noop(),
    });
    expect![[r##"
        <div role="alert" data-testid="error-summary" class="error-summary">
        <h2>
        There is a problem</h2>
        <ul>
        <li>
        <a href="#partners">
        Enter at least two partner organisations</a>
        </li>
        </ul>
        </div>
    "##]]
    .assert_eq(&pretty(&html));
}

fn context_question(
    kind: trellis_core::format::ContextKind,
    current: Option<trellis_core::format::ContextAnswer>,
) -> String {
    context_question_with(kind, current, None, None)
}

fn context_question_with(
    kind: trellis_core::format::ContextKind,
    current: Option<trellis_core::format::ContextAnswer>,
    note: Option<AttrValue>,
    typed: Option<AttrValue>,
) -> String {
    use trellis::components::context_question::ContextQuestionProps;
    render::<trellis::components::ContextQuestion>(ContextQuestionProps {
        id: "pressures".into(),
        question: "Which pressures?".into(),
        help: "Tick all that apply.".into(),
        kind,
        options: vec![
            ("finance".into(), "Money".into()),
            ("workforce".into(), "Staff".into()),
        ],
        current,
        error: None,
        note,
        typed,
        on_input: Callback::noop(),
    })
}

#[test]
fn context_questions_use_the_right_control() {
    use trellis_core::format::{ContextAnswer, ContextKind};
    // Several choices: checkboxes in a fieldset whose hint is announced with it.
    let multi = context_question(
        ContextKind::Multi,
        Some(ContextAnswer::Many(vec!["workforce".into()])),
    );
    expect![[r#"
        <fieldset data-testid="context-pressures" aria-describedby="context-pressures-hint" class="field context-question">
        <legend>
        Which pressures?</legend>
        <p id="context-pressures-hint" class="hint">
        Tick all that apply.</p>
        <div class="choice-block">
        <input value="finance" type="checkbox" id="context-pressures-finance" name="context-pressures">
        <label for="context-pressures-finance">
        Money</label>
        </div>
        <div class="choice-block">
        <input value="workforce" checked type="checkbox" id="context-pressures-workforce" name="context-pressures">
        <label for="context-pressures-workforce">
        Staff</label>
        </div>
        </fieldset>
    "#]].assert_eq(&pretty(&multi));
    // One choice: radios, and a way to take the answer back.
    let single = context_question(ContextKind::Single, Some(ContextAnswer::One("finance".into())));
    expect![[r#"
        <fieldset data-testid="context-pressures" aria-describedby="context-pressures-hint" class="field context-question">
        <legend>
        Which pressures?</legend>
        <p id="context-pressures-hint" class="hint">
        Tick all that apply.</p>
        <div class="choice-block">
        <input value="finance" checked type="radio" id="context-pressures-finance" name="context-pressures">
        <label for="context-pressures-finance">
        Money</label>
        </div>
        <div class="choice-block">
        <input value="workforce" type="radio" id="context-pressures-workforce" name="context-pressures">
        <label for="context-pressures-workforce">
        Staff</label>
        </div>
        <button type="button" class="link-button">
        Clear this answer</button>
        </fieldset>
    "#]].assert_eq(&pretty(&single));
    // A single field needs a label, not a fieldset.
    let number = context_question(ContextKind::Number, Some(ContextAnswer::Number(4)));
    expect![[r#"
        <div data-testid="context-pressures" class="field">
        <label for="context-pressures">
        Which pressures?</label>
        <p id="context-pressures-hint" class="hint">
        Tick all that apply.</p>
        <input value="4" id="context-pressures" type="number" inputmode="numeric" min="0" step="1" aria-describedby="context-pressures-hint" class="input-short">
        </div>
    "#]].assert_eq(&pretty(&number));
    // A number worked out from set-up says where it came from, with the field.
    let derived = context_question_with(
        ContextKind::Number,
        Some(ContextAnswer::Number(4)),
        Some("Filled in from the 4 partners you entered.".into()),
        None,
    );
    assert!(derived.contains("value=\"4\""));
    assert!(derived.contains("<p id=\"context-pressures-note\" class=\"hint context-note\">Filled in from the 4 partners you entered.</p>"));
    assert!(derived.contains("aria-describedby=\"context-pressures-hint context-pressures-note\""));
    // Text that is not a whole number stays as typed beside its error.
    let typed = context_question_with(
        ContextKind::Number,
        Some(ContextAnswer::Number(4)),
        None,
        Some("2.5".into()),
    );
    assert!(typed.contains("value=\"2.5\""), "{typed}");
}

/// A sent response to every statement of the shipped instrument from `org`, each answer
/// `answer(statement id)`, and every level `level` (none when 0).
fn shipped_response(
    instrument: &trellis_core::Instrument,
    k: usize,
    org: &str,
    answer: impl Fn(&str) -> u8,
    level: u8,
) -> trellis_core::format::Response {
    use trellis_core::format::{Response, RoleCategory, Timestamp};
    Response {
        id: format!("r{k}"),
        round_id: "r".into(),
        organisation: org.into(),
        role: RoleCategory::Manager,
        answers: instrument
            .statements()
            .iter()
            .map(|s| (s.id.clone(), Answer::Scale(answer(&s.id))))
            .collect(),
        levels: instrument
            .domains()
            .iter()
            .filter(|_| level > 0)
            .map(|d| (d.id.clone(), level))
            .collect(),
        comments: Default::default(),
        ties: Default::default(),
        started: Timestamp(0),
        updated: Timestamp(0),
        submitted: Some(Timestamp(1)),
    }
}

/// The results view of a round of questionnaire 1.0.0 (which stays shipped for the rounds
/// that used it; the expectations of the tests below name its statements and actions),
/// with no targets.
fn round_html(
    responses: &[trellis_core::format::Response],
    mode: &str,
    context: &std::collections::BTreeMap<String, trellis_core::format::ContextAnswer>,
    partners: Vec<(String, String)>,
) -> String {
    let instrument = shipped("1.0.0");
    let analysis = analysed(&instrument, mode, responses, context);
    results_of(&instrument, mode, analysis, partners)
}

#[test]
fn round_results_show_stage_agenda_and_protected_groups() {
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    let instrument = catalogue
        .get("trellis", "1.0.0")
        .expect("questionnaire 1.0.0")
        .clone();
    let person = |k: usize, org: &str, value: u8| shipped_response(&instrument, k, org, |_| value, value);
    let responses = [
        person(1, "p1", 4),
        person(2, "p1", 4),
        person(3, "p1", 4),
        person(4, "p2", 2),
    ];
    let html = round_html(
        &responses,
        "full",
        &Default::default(),
        vec![
            ("p1".into(), "North Trust".into()),
            ("p2".into(), "Tiny Charity".into()),
        ],
    );
    assert!(html.contains("Overall stage"), "{html}");
    assert!(html.contains("data-testid=\"agenda\""), "{html}");
    // Four people: the stage and the agenda's order carry the small-sample caution.
    assert!(html.contains("data-testid=\"small-sample\""), "{html}");
    assert!(html.contains("Only 4 people answered"), "{html}");
    assert!(html.contains("data-testid=\"agenda-small-sample\""), "{html}");
    // Three from North Trust and one from Tiny Charity: the charity's lone answer must
    // not be recoverable, so both would be combined, which is everyone: nothing is shown.
    assert!(
        html.contains("data-testid=\"by-organisation-withheld\""),
        "{html}"
    );
    assert!(!html.contains("Tiny Charity"), "{html}");
    assert!(!html.contains("<th scope=\"row\">Tiny Charity</th>"), "{html}");
    assert!(!html.contains("<th scope=\"row\">North Trust</th>"), "{html}");
}

/// A readiness round of questionnaire 1.0.0: levels read from scores carry the range of
/// averages they stand for, and each suggested action says why in words (rules version 2).
#[test]
fn levels_from_scores_show_their_range_and_actions_say_why() {
    use trellis_core::format::ContextAnswer;
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    let instrument = catalogue
        .get("trellis", "1.0.0")
        .expect("questionnaire 1.0.0")
        .clone();
    // Everyone answers 3 (a mean of 3.0: level 2, not in place) except conflict.route,
    // answered 2, which makes it conflict's weakest statement; conflict's mean is 2.5,
    // exactly where level 2 starts.
    let answer = |id: &str| if id == "conflict.route" { 2 } else { 3 };
    let responses: Vec<_> = (0..3)
        .map(|k| shipped_response(&instrument, k, "p1", answer, 0))
        .collect();
    let context = [("history".to_string(), ContextAnswer::One("ended-badly".into()))].into();
    let html = round_html(
        &responses,
        "readiness",
        &context,
        vec![("p1".into(), "North Trust".into())],
    );
    assert!(
        html.contains("2 Developing (from scores: an average from 2.5 to below 3.5)"),
        "{html}"
    );
    let card = html
        .split("data-testid=\"action-conflict.escalation-route\"")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .expect("the escalation route is suggested");
    assert!(
        card.contains("its topic is number 2 on the agenda; it suits the topic's level, 2 Developing; it works on \u{201c}There is an agreed way to take a problem higher if partners cannot solve it.\u{201d} (average 2.0), among the topic's weakest statements; it fits this collaboration because of \u{201c}Yes, and an earlier collaboration ended badly\u{201d}."),
        "{card}"
    );
}

/// Every route reads back from its own path, and paths read exactly as yew-router's
/// `#[at(...)]` patterns did: trailing slash ignored, parameters percent-decoded, anything
/// else not found.
#[test]
fn routes_read_back_from_their_paths() {
    use trellis::route::Route;
    let id = || "a1 b/c".to_string();
    let routes = [
        Route::Home,
        Route::Facilitator,
        Route::NewCollaboration,
        Route::Collaboration { id: id() },
        Route::Context { id: id() },
        Route::About,
        Route::Data,
        Route::AnswerStart { id: id() },
        Route::AnswerStep { id: id(), step: 3 },
        Route::Join {
            code: "eyJm.deadbeef".into(),
        },
        Route::Invite { id: id() },
        Route::Import { id: id() },
        Route::Sent { id: id() },
        Route::Consensus { id: id() },
        Route::Kiosk { id: id() },
        Route::Results { id: id() },
        Route::Export { id: id() },
        Route::Plan { id: id() },
        Route::Library { id: id() },
        Route::Report { id: id() },
        Route::Statements { id: id() },
        Route::Progress { id: id() },
        Route::NotFound,
    ];
    for route in routes {
        assert_eq!(Route::recognize(&route.path()), route, "{}", route.path());
    }
    // The action library is the facilitator's: the respondent's bundle never holds it.
    assert!(!Route::Library { id: id() }.is_respondent());
    for (path, route) in [
        ("/", Route::Home),
        ("", Route::Home),
        ("/about/", Route::About),
        (
            "/round/r1/answer/2",
            Route::AnswerStep {
                id: "r1".into(),
                step: 2,
            },
        ),
        ("/round/r1/answer/two", Route::NotFound),
        ("/round/r1/results", Route::Results { id: "r1".into() }),
        ("/round/r1/actions", Route::Library { id: "r1".into() }),
        ("/round/r1/other", Route::NotFound),
        ("/collaboration/c%20d", Route::Collaboration { id: "c d".into() }),
        ("/collaboration/", Route::NotFound),
        ("/nowhere", Route::NotFound),
    ] {
        assert_eq!(Route::recognize(path), route, "{path}");
    }
    assert_eq!(
        Route::AnswerStep {
            id: "r1".into(),
            step: 2
        }
        .path(),
        "/round/r1/answer/2"
    );
    assert_eq!(
        Route::Collaboration { id: "a b".into() }.path(),
        "/collaboration/a%20b"
    );
}

/// The shared table builder writes the same markup the views wrote by hand: no empty
/// attributes when there is no test id, class or caption.
#[test]
fn shared_table_markup() {
    use trellis::components::markup::table;
    use yew::{component, html, Html};
    #[component]
    fn Plain() -> Html {
        table(None, None, None, &["A", "B"], html! { <tr><td>{ "1" }</td></tr> })
    }
    #[component]
    fn Full() -> Html {
        table(Some("t"), Some("c"), Some("Cap"), &["A"], Html::default())
    }
    expect![[r#"
        <div role="region" tabindex="0" aria-label="Table" class="table-wrap">
        <table class="stack">
        <thead>
        <tr>
        <th scope="col">
        A</th>
        <th scope="col">
        B</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>
        1</td>
        </tr>
        </tbody>
        </table>
        </div>
    "#]]
    .assert_eq(&pretty(&render::<Plain>(())));
    expect![[r#"
        <div role="region" tabindex="0" aria-label="Cap" class="table-wrap">
        <table data-testid="t" class="stack c">
        <caption>
        Cap</caption>
        <thead>
        <tr>
        <th scope="col">
        A</th>
        </tr>
        </thead>
        <tbody>
        </tbody>
        </table>
        </div>
    "#]]
    .assert_eq(&pretty(&render::<Full>(())));
}

#[test]
fn charts_carry_text_alternatives_and_their_numbers() {
    use trellis::components::charts::radar_figure;
    use trellis_core::chart::RadarValues;
    use yew::{component, Html};
    #[component]
    fn Radar() -> Html {
        let labels: Vec<String> = ["Trust", "Vision", "Capacity"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let values = [
            RadarValues {
                value: Some(4.0),
                spread: Some((3.5, 4.5)),
                target: Some(4.0),
                agreed: Some(3.0),
            },
            RadarValues {
                value: None,
                spread: None,
                target: Some(3.0),
                agreed: None,
            },
            RadarValues {
                value: Some(2.0),
                spread: Some((1.5, 2.5)),
                target: Some(3.0),
                agreed: None,
            },
        ];
        radar_figure(
            &labels,
            &values,
            "Trust 4.0; Vision not enough answers; Capacity 2.0".into(),
        )
    }
    let radar = render::<Radar>(());
    assert!(radar.contains("role=\"img\""));
    assert!(radar.contains("aria-labelledby=\"radar-title radar-desc\""));
    assert!(
        radar.contains("<desc id=\"radar-desc\">Trust 4.0; Vision not enough answers; Capacity 2.0</desc>")
    );
    assert_eq!(
        count(&radar, "class=\"radar-marker\""),
        2,
        "no marker for the topic without a score"
    );
    assert_eq!(count(&radar, "class=\"radar-agreed\""), 1);
    assert_eq!(
        count(&radar, "class=\"radar-target\""),
        1,
        "every topic has a target: a ring"
    );
    for label in ["Trust", "Vision", "Capacity", "Target level", "Agreed level"] {
        assert!(radar.contains(label), "{label}");
    }
    let bars = distribution([1, 0, 3, 4, 2], 2, 0);
    assert!(bars.contains("aria-label=\"How people answered: stacked bars"));
    // Five non-empty categories drawn (1, 3, 4, 5 and don't know), each with its count.
    assert_eq!(count(&bars, "class=\"seg-"), 5);
    // The label is above its bar, as wide as the chart allows: no viewBox to shrink it.
    assert!(bars.contains("<svg width=\"100%\""));
    assert!(bars.contains("<tspan x=\"0\" dy=\"0\">Trust</tspan>"));
    assert!(bars.contains("<title>Agree: 4</title>"));
    assert!(bars.contains("know: 2</title>"));
    // The table gives every count, including the empty ones.
    assert!(
        bars.contains("<td data-label=\"Disagree\" class=\"num\">0</td>"),
        "each count under its category"
    );
    assert_eq!(count(&bars, "<th scope=\"col\" class=\"num\">"), 7);
}

/// A distribution chart of one row, "Trust", over the scale's seven categories.
fn distribution(points: [usize; 5], dont_know: usize, not_applicable: usize) -> String {
    use trellis::components::charts::distribution_figure;
    use trellis_core::analysis::Distribution;
    use yew::{component, Html, Properties};
    #[derive(Properties, PartialEq)]
    struct BarsProps {
        d: Distribution,
    }
    #[component]
    fn Bars(props: &BarsProps) -> Html {
        let categories: Vec<String> = [
            "Strongly disagree",
            "Disagree",
            "Neither",
            "Agree",
            "Strongly agree",
            "Don't know",
            "Not applicable",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        distribution_figure(
            "dist",
            "How people answered",
            &[("Trust".to_string(), props.d.clone())],
            &categories,
        )
    }
    render::<Bars>(BarsProps {
        d: Distribution {
            points: points.to_vec(),
            dont_know,
            not_applicable,
            unanswered: 1,
        },
    })
}

#[test]
fn not_applicable_is_hatched_in_the_chart_and_its_key() {
    let bars = distribution([1, 0, 0, 0, 0], 1, 2);
    // One pattern per chart, named after it, and the "not applicable" segment filled with it.
    assert_eq!(count(&bars, "<pattern id=\"dist-na\""), 1);
    assert_eq!(count(&bars, "fill=\"url(#dist-na)\""), 1);
    assert!(bars.contains("<title>Not applicable: 2</title>"));
    // Only that segment: "don't know" keeps its colour.
    assert!(bars.contains("<rect x=\"25%\" y=\"28\" width=\"25%\" height=\"20\" class=\"seg-5\">"));
    assert_eq!(count(&bars, "fill="), 1);
    // Its key entry is there, with the hatched swatch.
    assert!(bars.contains("class=\"key-swatch seg-6\"></span>Not applicable"));
}

#[test]
fn the_static_first_screens_say_what_the_app_then_shows() {
    use trellis::messages as msg;
    // What index.html shows while the app loads is the start page's own first screen, so
    // nothing changes when the app takes over (and the largest paint comes early).
    let index = include_str!("../index.html");
    for text in [
        msg::APP_NAME,
        msg::HOME_LEAD,
        msg::PRIVACY_PROMISE,
        msg::FOOTER,
        msg::SET_UP_COLLABORATION,
        msg::ABOUT_LINK,
        msg::YOUR_COLLABORATIONS,
        msg::EXAMPLE_TITLE,
        msg::EXAMPLE_LEAD,
        msg::TRY_EXAMPLE,
        msg::BACKUP_TITLE,
        msg::DATA_LINK_LEAD,
        msg::DATA_LINK,
    ] {
        assert!(index.contains(text), "index.html does not say {text:?}");
    }
    assert!(index.contains(&format!("<h1 tabindex=\"-1\">{}</h1>", msg::HOME_TITLE)));
    let answer = include_str!("../answer.html");
    for text in [msg::APP_NAME, msg::RESPONDENT_LOADING] {
        assert!(answer.contains(text), "answer.html does not say {text:?}");
    }
    // The two entries are written out separately; their heads must not drift apart
    // (security policy, viewport, colour scheme, icon, manifest, styles).
    let head_lines = |html: &'static str| -> Vec<&'static str> {
        let head = html.split("<title>").next().unwrap_or_default();
        head.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    };
    assert_eq!(head_lines(index), head_lines(answer));
    for line in [
        r#"<link data-trunk rel="css" href="styles/app.css" />"#,
        r#"<link data-trunk rel="css" href="styles/print.css" />"#,
        r#"<link rel="manifest" href="manifest.webmanifest" />"#,
    ] {
        assert!(index.contains(line) && answer.contains(line), "{line}");
    }
}

// ---------------------------------------------------------------------------------------
// The engine's errors, in the words of `messages.rs`. Core's errors carry data only, so
// their wording is checked here, a line per variant: what the user reads names the thing
// that is wrong and says what to do where the message can.

/// An error type of the engine and the `messages.rs` function that words it.
trait Worded: std::fmt::Debug {
    fn words(&self) -> String;
}

macro_rules! worded {
    ($($error:ty => $words:path),* $(,)?) => {
        $(impl Worded for $error {
            fn words(&self) -> String {
                $words(self)
            }
        })*
    };
}

worded! {
    trellis_core::workspace::InputError => trellis::messages::input_error,
    trellis_core::plan::PlanError => trellis::messages::plan_error,
    trellis_core::command::CommandError => trellis::messages::command_error,
    LoadError => trellis::messages::load_error,
    trellis_core::TransferError => trellis::messages::transfer_error,
    trellis_core::config::ConfigProblem => trellis::messages::config_problem,
}

/// The message for `error` contains `expected`.
fn check(error: impl Worded, expected: &str) {
    let text = error.words();
    assert!(
        text.contains(expected),
        "{error:?} reads {text:?}, without {expected:?}"
    );
}

#[test]
fn input_errors_are_worded_in_messages() {
    use trellis_core::workspace::InputError::*;
    check(NameMissing, "Enter a name.");
    check(NameTooLong, "Use a name of 120 characters or fewer.");
    check(
        TooFewPartners,
        "Enter at least two partner organisations, one per line.",
    );
    check(
        PartnerTooLong("Acme".into()),
        "The partner name \"Acme\" is longer than 120 characters.",
    );
    check(
        DuplicatePartner("Acme".into()),
        "The partner \"Acme\" is listed twice.",
    );
    check(
        BadDate("soon".into()),
        "\"soon\" is not a date. Use the form 2026-11-26.",
    );
    check(
        UnknownMode("short".into()),
        "no questionnaire mode called \"short\"",
    );
    check(UnknownCollaboration, "This collaboration no longer exists.");
    check(UnknownRound, "This assessment round no longer exists.");
    check(UnknownResponse, "These answers no longer exist.");
    check(UnknownOrganisation, "Choose your organisation from the list.");
    check(RoundClosed, "This round is closed");
    check(AlreadySubmitted, "These answers have been sent");
    check(UnknownStatement("trust.x".into()), "no statement \"trust.x\"");
    check(AnswerOutOfScale(9), "9 is not a point on the answer scale.");
    check(UnknownDomain("luck".into()), "no topic \"luck\"");
    check(LevelOutOfRange(7), "7 is not one of the maturity levels.");
    check(CommentTooLong, "Keep a comment to 2000 characters or fewer.");
    check(NoteTooLong, "Keep each note to 4000 characters or fewer.");
    check(
        BadContact,
        "Enter a contact of 240 characters or fewer, on one line.",
    );
    check(
        UnknownContextQuestion("size".into()),
        "no question \"size\" about the collaboration",
    );
    check(
        ContextAnswerKind("size".into()),
        "not the right kind of answer for question \"size\"",
    );
    check(
        UnknownContextOption {
            question: "pressures".into(),
            option: "weather".into(),
        },
        "\"weather\" is not one of the choices for question \"pressures\".",
    );
    check(
        ContextNumberOutOfRange(20_000),
        "20000 is out of range. Enter a whole number from 0 to 10000.",
    );
    check(
        NoPartnerMap,
        "This round does not ask how the partners work together.",
    );
    check(
        UnknownTiePartner("p9".into()),
        "There is no partner \"p9\" in this collaboration.",
    );
    check(TieWithOwnOrganisation("p1".into()), "not with itself");
    check(TieOutOfRange(6), "6 is not a step from 1 to 5.");
}

#[test]
fn plan_and_command_errors_are_worded_in_messages() {
    use trellis_core::command::CommandError;
    use trellis_core::plan::PlanError::*;
    use trellis_core::workspace::InputError;
    check(
        Input(InputError::UnknownRound),
        "This assessment round no longer exists.",
    );
    check(TitleMissing, "Say what the action is.");
    check(TitleTooLong, "Keep the action to 300 characters or fewer.");
    check(OwnerTooLong, "Keep the owner to 120 characters or fewer.");
    check(
        BadDue("Friday".into()),
        "\"Friday\" is not a date. Use the form 2027-03-31.",
    );
    check(
        MeasureTooLong,
        "Keep the success measure to 4000 characters or fewer.",
    );
    check(AlreadyAdopted, "This action is already on the plan.");
    check(
        UnknownAction("act.x".into()),
        "There is no suggested action \"act.x\".",
    );
    check(UnknownItem, "This action is no longer on the plan.");
    check(
        CommandError::Input(InputError::RoundClosed),
        "This round is closed",
    );
    check(
        CommandError::Plan(UnknownItem),
        "This action is no longer on the plan.",
    );
    let unknown = |version: Option<&str>| CommandError::UnknownInstrument {
        id: "trellis".into(),
        version: version.map(Into::into),
    };
    check(
        unknown(Some("9.0.0")),
        "This version of Trellis does not have the questionnaire \"trellis\" version 9.0.0.",
    );
    check(
        unknown(None),
        "This version of Trellis does not have the questionnaire \"trellis\".",
    );
    check(CommandError::NotAnswering, "not on the answering page");
}

#[test]
fn load_and_config_errors_are_worded_in_messages() {
    use trellis_core::config::ConfigProblem::*;
    check(
        LoadError::Damaged("EOF at line 1".into()),
        "the saved data is damaged: EOF at line 1",
    );
    check(
        LoadError::NewerSchema(9),
        "written by a newer version of Trellis (storage version 9;",
    );
    check(
        LoadError::OlderSchema(2),
        "written by an earlier version of Trellis (storage version 2)",
    );
    check(
        LoadError::NoSchema,
        "not a Trellis workspace: it has no storage version",
    );
    check(TooLarge, "the file is larger than 64 KB");
    check(NotJson("EOF".into()), "it is not valid settings JSON (EOF)");
    check(
        Format(7),
        "\"format\": format 7 is not one this version reads (use 1)",
    );
    check(
        NotOneLine {
            field: "organisation",
            max: 120,
        },
        "\"organisation\": use one line of 120 characters",
    );
    check(Logo, "\"logo\": give a picture file beside index.html");
    check(
        UnknownInstrument("x".into()),
        "\"instrument\": there is no questionnaire \"x\"",
    );
    check(
        UnknownMode("short".into()),
        "\"mode\": there is no questionnaire mode \"short\"",
    );
    check(
        HostOrigin,
        "\"host_origin\": give the embedding page's origin only",
    );
}

#[test]
fn transfer_errors_are_worded_in_messages() {
    use trellis_core::transfer::TransferError::*;
    use trellis_core::transfer::{CsvProblem, EnvelopePart, Field, Malformed, MAX_IMPORT_BYTES};
    check(
        NotTrellis,
        "not a Trellis invitation, response code or response file",
    );
    check(Truncated, "the code is incomplete: it was cut short");
    check(
        Damaged,
        "the code is damaged: its checksum does not match, so the code was changed or cut short",
    );
    check(
        UnsupportedFormat(9),
        "written in format 9, which this version of Trellis cannot read",
    );
    check(Encrypted, "enter the passphrase to open it");
    check(
        WrongPassphrase,
        "the passphrase does not open this protected code",
    );
    check(
        Unreadable("the file is not text".into()),
        "the file could not be read: the file is not text",
    );
    check(
        TooLarge {
            limit_bytes: 16 * 1024,
        },
        "this is too large: the limit is 16 KB",
    );
    check(
        TooLarge {
            limit_bytes: MAX_IMPORT_BYTES,
        },
        "this is too large: the limit is 5 MB",
    );
    check(TooLarge { limit_bytes: 100 }, "the limit is 100 bytes");
    check(
        BadJson("EOF at line 1".into()),
        "not in the expected form: EOF at line 1",
    );
    check(
        NoFormat,
        "not in the expected form: the file has no format number",
    );
    check(TooFewPartners, "fewer than two partner organisations");
    check(
        DuplicatePartner("p1".into()),
        "the partner id \"p1\" more than once",
    );
    check(
        UnknownRound("r9".into()),
        "the round \"r9\" is not in this workspace",
    );
    check(
        WrongRound {
            expected_round_name: "Spring".into(),
            found: "Autumn".into(),
        },
        "these answers belong to another round (\"Autumn\"), not to \"Spring\"",
    );
    check(
        UnknownInstrument {
            id: "x".into(),
            version: "2.0.0".into(),
        },
        "the questionnaire \"x\" version 2.0.0 is not known",
    );
    check(
        WrongInstrument {
            expected_id: "trellis".into(),
            expected_version: "1.0.0".into(),
            found_id: "trellis".into(),
            found_version: "0.9.0".into(),
        },
        "version 0.9.0, but the round uses \"trellis\" version 1.0.0",
    );
    check(
        UnknownMode("short".into()),
        "the questionnaire has no mode \"short\"",
    );
    check(
        UnknownRole("surgeon".into()),
        "\"surgeon\" is not one of the roles (senior leader,",
    );
    check(
        UnknownOrganisation("Nowhere".into()),
        "\"Nowhere\" is not one of the partner organisations",
    );
    check(UnknownStatement("t.x".into()), "there is no statement \"t.x\"");
    check(
        StatementNotInMode {
            statement: "t.x".into(),
            mode: "readiness".into(),
        },
        "statement \"t.x\" is not asked in the \"readiness\" questionnaire",
    );
    check(
        AnswerOutOfScale {
            statement: "t.x".into(),
            value: 7,
        },
        "the answer 7 to statement \"t.x\" is not a point on the answer scale",
    );
    check(UnknownDomain("luck".into()), "there is no topic \"luck\"");
    check(
        DomainNotInMode {
            domain: "trust".into(),
            mode: "readiness".into(),
        },
        "the topic \"trust\" is not part of the \"readiness\" questionnaire",
    );
    check(
        LevelsNotAsked {
            mode: "readiness".into(),
        },
        "does not ask for maturity levels",
    );
    check(
        LevelOutOfRange {
            domain: "trust".into(),
            level: 9,
        },
        "level 9 for the topic \"trust\" is not one of the maturity levels",
    );
    check(
        CommentTooLong {
            statement: "t.x".into(),
        },
        "longer than 2000 characters",
    );
    check(
        IdInUse("a1".into()),
        "the response id \"a1\" already belongs to answers in another round",
    );
    check(
        UnknownTiePartner("p9".into()),
        "works with \"p9\", which is not one of the partner organisations",
    );
    check(
        TieWithOwnOrganisation("p1".into()),
        "the respondent's own organisation (\"p1\") as a partner",
    );
    check(
        TieOutOfRange {
            partner: "p2".into(),
            value: 0,
        },
        "the rating 0 of how the respondent's organisation works with \"p2\" is not a step from 1 to 5",
    );
    check(
        CsvValue { column: "Q2".into(), value: "Maybe".into() },
        "column \"Q2\" has \"Maybe\", which is not an answer (use 1 to 5, an agreement such as \"Agree\", \"Don't know\", \"Not applicable\", or leave it blank)",
    );

    let laid_out = |m: Malformed| Malformed(m);
    check(
        laid_out(Malformed::AnswerCount {
            found: 3,
            expected: 49,
        }),
        "not laid out as Trellis writes it: it holds 3 answers but the questionnaire asks 49 statements",
    );
    check(
        laid_out(Malformed::NotAnAnswer {
            character: 'z',
            statement: "t.x".into(),
        }),
        "\"z\" is not an answer (statement \"t.x\")",
    );
    check(
        laid_out(Malformed::LevelCount {
            found: 1,
            expected: 9,
        }),
        "it holds 1 levels but the questionnaire has 9 topics",
    );
    check(
        laid_out(Malformed::NotALevel {
            character: 'z',
            domain: "trust".into(),
        }),
        "\"z\" is not a level (topic \"trust\")",
    );
    check(
        laid_out(Malformed::NotATie {
            partner: "p2".into(),
            text: "?4".into(),
        }),
        "\"?4\" is not a rating of the tie with partner \"p2\"",
    );
    check(
        laid_out(Malformed::RoundDate("1 March".into())),
        "the round date \"1 March\" is not a date like 2026-03-01",
    );
    check(
        laid_out(Malformed::PackedInvitation),
        "the invitation's details are cut short or run together",
    );
    check(
        laid_out(Malformed::EnvelopeTooShort),
        "the protected code is too short",
    );
    check(
        laid_out(Malformed::Iterations(0)),
        "0 key-stretching rounds is outside 1 to 10000000",
    );
    check(
        laid_out(Malformed::PartMissing(EnvelopePart::Salt)),
        "the salt is missing",
    );
    check(
        laid_out(Malformed::PartLength {
            part: EnvelopePart::Nonce,
            length: 16,
            expected: 12,
        }),
        "the nonce is 16 bytes long instead of 12",
    );
    check(
        laid_out(Malformed::PartCutShort(EnvelopePart::Nonce)),
        "the nonce is cut short",
    );
    check(
        laid_out(Malformed::NoTag),
        "the protected content is shorter than its authentication tag",
    );

    check(EmptyField(Field::RoundId), "the round id is missing");
    check(EmptyField(Field::RoundName), "the round name is missing");
    check(EmptyField(Field::RoundDate), "the round date is missing");
    check(
        EmptyField(Field::CollaborationId),
        "the collaboration id is missing",
    );
    check(
        EmptyField(Field::CollaborationName),
        "the collaboration name is missing",
    );
    check(EmptyField(Field::InstrumentId), "the questionnaire id is missing");
    check(
        EmptyField(Field::InstrumentVersion),
        "the questionnaire version is missing",
    );
    check(EmptyField(Field::Mode), "the questionnaire mode is missing");
    check(EmptyField(Field::PartnerId), "a partner id is missing");
    check(
        EmptyField(Field::PartnerName("p2".into())),
        "the name of partner \"p2\" is missing",
    );
    check(EmptyField(Field::ResponseId), "the response id is missing");
    check(EmptyField(Field::Organisation), "the organisation is missing");

    let csv = |line: u64, problem: CsvProblem| Csv { line, problem };
    check(csv(4, CsvProblem::Empty), "line 4: the file is empty");
    check(
        csv(1, CsvProblem::NotUtf8),
        "line 1: the text is not valid UTF-8 (save the file as \"CSV UTF-8\")",
    );
    check(
        csv(3, CsvProblem::Syntax("unclosed quote".into())),
        "line 3: unclosed quote",
    );
    check(
        csv(
            1,
            CsvProblem::ColumnCount {
                found: 2,
                described: 1,
            },
        ),
        "the file has 2 columns but 1 were described",
    );
    check(
        csv(
            1,
            CsvProblem::Column {
                header: "a".into(),
                problem: Box::new(UnknownDomain("luck".into())),
            },
        ),
        "line 1: column \"a\": there is no topic \"luck\"",
    );
    check(
        csv(
            1,
            CsvProblem::SameTarget {
                first: "a".into(),
                second: "b".into(),
            },
        ),
        "columns \"a\" and \"b\" are both used for the same thing",
    );
    check(
        csv(1, CsvProblem::NoOrganisationColumn),
        "no column says which organisation each respondent belongs to",
    );
    check(
        csv(1, CsvProblem::NoStatementColumn),
        "no column holds answers to a statement",
    );
    check(
        csv(11, CsvProblem::RowLength { cells: 4, headers: 7 }),
        "line 11: this row has 4 cells but the header has 7 (an answer holding a comma must be in quotes)",
    );
}

#[test]
fn set_up_problems_name_their_field() {
    use trellis::messages::field_error;
    use trellis_core::workspace::InputError::*;
    // Two fields can lack a name; the error summary says which.
    assert_eq!(
        field_error("collaboration-name", &NameMissing),
        "Enter a name for the collaboration."
    );
    assert_eq!(
        field_error("round-name", &NameMissing),
        "Enter a name for the round."
    );
    assert_eq!(
        field_error("round-date", &BadDate(String::new())),
        "Enter the date of the round."
    );
    assert_eq!(
        field_error("round-date", &BadDate("soon".into())),
        "\"soon\" is not a date. Use the form 2026-11-26."
    );
    assert_eq!(
        field_error("partners", &TooFewPartners),
        trellis::messages::input_error(&TooFewPartners)
    );
}

#[test]
fn dates_counts_and_agreement_are_said_in_plain_words() {
    use trellis::messages as msg;
    use trellis_core::analysis::AgreementBand;
    // UK dates in running text; anything that is not an ISO date is left as it is.
    assert_eq!(msg::uk_date("2026-11-30"), "30 November 2026");
    assert_eq!(msg::uk_date("2027-01-05"), "5 January 2027");
    assert_eq!(msg::uk_date("2026-02-30"), "2026-02-30");
    assert_eq!(msg::uk_date("soon"), "soon");
    assert_eq!(msg::uk_month("2026-05-28"), "May 2026");
    assert_eq!(msg::uk_date_time("2026-11-30 09:05"), "30 November 2026, 09:05");
    assert_eq!(msg::uk_date_time("unknown"), "unknown");
    assert_eq!(
        msg::round_and_date("Round 2", "2026-11-30"),
        "Round 2 (30 November 2026)"
    );
    assert_eq!(
        msg::plan_meta("Trust", "", "2027-03-31"),
        "Trust · Due 31 March 2027"
    );
    assert!(msg::report_meta("2026-11-30", 3, 2).starts_with("Round date 30 November 2026 ·"));
    // Real plurals, and only what a file adds.
    let mut r = trellis_core::merge::MergeReport {
        collaborations_added: 1,
        rounds_added: 2,
        responses_added: 1,
        ..Default::default()
    };
    assert_eq!(
        msg::merge_preview("f.json", &r),
        "\"f.json\" adds 1 collaboration, 2 rounds and 1 set of answers."
    );
    r.responses_updated = 3;
    r.responses_unchanged = 1;
    assert_eq!(
        msg::merge_preview("f.json", &r),
        "\"f.json\" adds 1 collaboration, 2 rounds and 1 set of answers, and updates 3 sets of answers. 1 set of answers is already here."
    );
    assert!(!msg::merge_preview("f.json", &r).contains("(s)"));
    assert_eq!(msg::and_list(&["a".into()]), "a");
    // Agreement in words, never as a bare index.
    assert_eq!(
        msg::agreement_words(AgreementBand::Strong),
        "people broadly agree"
    );
    assert_eq!(msg::disagreement(0.32), "views differ");
    assert_eq!(msg::disagreement(0.1), "views differ widely");
    assert_eq!(
        msg::strength("Trust", "3.9", msg::AGREE_STRONG),
        "Trust: average 3.9; people broadly agree."
    );
    assert_eq!(
        msg::mismatch("4 Maturing", "2 Developing"),
        "people chose 4 Maturing but the scores suggest 2 Developing"
    );
    // No file path of the source shown as if people could open it.
    for text in msg::METHOD.iter().chain(std::iter::once(&msg::SOURCES_NOTE)) {
        assert!(!text.contains(".md"), "{text}");
    }
}

#[test]
fn statement_ids_in_instrument_text_are_put_into_words() {
    use trellis::components::names::plain_text;
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    let instrument = catalogue.latest("trellis").expect("instrument");
    let shared = instrument
        .statements()
        .iter()
        .find(|s| s.id == "vision.shared")
        .expect("vision.shared");
    let said = plain_text(
        instrument,
        "People describe the aim alike; the vision.shared score rises.",
    );
    assert_eq!(
        said,
        format!(
            "People describe the aim alike; the score for \u{201c}{}\u{201d} rises.",
            shared.text.trim_end_matches('.')
        )
    );
    // Every action's signs of success, as the results show them, are free of ids.
    for action in instrument.actions() {
        let text = plain_text(instrument, &action.signs);
        assert!(
            instrument
                .statements()
                .iter()
                .all(|s| !text.contains(s.id.as_str())),
            "{text}"
        );
    }
}

#[test]
fn the_invitation_sheet_is_for_the_respondent_with_a_qr_code_of_the_link() {
    use trellis::components::invitation::{invitation_sheet, Sheet};
    use trellis_core::format::Partner;
    use yew::{component, Html, Properties};
    #[derive(Properties, PartialEq)]
    struct P {
        contact: Option<&'static str>,
        partner_map: bool,
    }
    #[component]
    fn View(p: &P) -> Html {
        let partners = ["Acute Trust", "County Council", "Carers Network"].map(|name| Partner {
            id: String::new(),
            name: name.into(),
        });
        invitation_sheet(&Sheet {
            collaboration: "Northshire care",
            round: "Spring 2026",
            minutes: 25,
            partners: &partners,
            link: "https://example.org/trellis/answer.html#/join/AQJyMQ.1a2b3c4d",
            contact: p.contact,
            partner_map: p.partner_map,
        })
    }
    let html = render::<View>(P {
        contact: Some("facilitator@example.nhs.uk"),
        partner_map: false,
    });
    // The code's path is checked natively in trellis-core (tests/qr.rs); here, that it is
    // drawn at its size with a text alternative.
    let (before, rest) = html.split_once(" d=\"").expect("a path");
    let (path, after) = rest.split_once('"').expect("its end");
    assert!(path.starts_with("M4 4h7v1h-7z"), "{path}");
    expect![[r##"
        <section aria-labelledby="sheet-heading" data-testid="invitation-sheet" class="invitation-sheet">
        <h2 id="sheet-heading">
        You are invited to say how Northshire care is working</h2>
        <p class="lead">
        This is the “Spring 2026” assessment. It takes about 25 minutes, on your own phone or computer, and your views are combined with those of people from every partner.</p>
        <p>
        Your answers stay on your own device while you answer. Nothing is sent anywhere until you choose to send them, and then only to the person who invited you.</p>
        <p>
        From facilitator@example.nhs.uk, who collects the answers and can help with any questions.</p>
        <h3>
        How to take part</h3>
        <div class="sheet-steps">
        <svg viewBox="0 0 41 41" role="img" aria-label="QR code of the invitation link, the same address as in step 2" shape-rendering="crispEdges" data-testid="invitation-qr" class="qr-code">
        <rect width="41" height="41" fill="#fff">
        </rect>
        <path … fill="#000">
        </path>
        </svg>
        <ol>
        <li>
        Scan the code with your phone’s camera, then open the link it shows.</li>
        <li>
        Or type this address into your web browser:<br>
        <code data-testid="sheet-link" class="link-text">
        https://example.org/trellis/answer.html#/join/AQJyMQ.1a2b3c4d</code>
        </li>
        <li>
        Choose your organisation and role and answer the statements; your answers are saved as you go. At the end, send them to facilitator@example.nhs.uk.</li>
        </ol>
        </div>
        <p>
        Partners taking part: Acute Trust, County Council and Carers Network.</p>
        <p class="hint">
        Once the page has opened, it keeps working even if your connection drops.</p>
        </section>
    "##]]
    .assert_eq(&pretty(&format!("{before} …{after}")));
    let html = render::<View>(P {
        contact: None,
        partner_map: false,
    });
    assert!(!html.contains("From "));
    assert!(html.contains("At the end, send them to the person who invited you."));
    assert!(!html.contains("sheet-partner-map"), "{html}");
    // A round with the partner map says so on the sheet.
    let html = render::<View>(P {
        contact: None,
        partner_map: true,
    });
    assert!(
        html.contains("You will also be asked how your organisation works with each of the other partners."),
        "{html}"
    );
}

/// The action library's choices, each checked against ids read off the shipped
/// questionnaire 1.0.0 by hand: topic and level together, topic, level and horizon, the
/// context (an earlier collaboration that ended badly), and horizon alone.
#[test]
fn the_action_library_narrows_by_topic_level_horizon_and_context() {
    use std::collections::BTreeMap;
    use trellis::pages::library::Filters;
    use trellis_core::format::ContextAnswer;
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    let instrument = catalogue
        .get("trellis", "1.0.0")
        .expect("questionnaire 1.0.0")
        .clone();
    let check = |filters: Filters, context: &BTreeMap<String, ContextAnswer>, expected: &[&str]| {
        let kept: Vec<&str> = instrument
            .actions()
            .iter()
            .filter(|a| filters.keeps(a, context))
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(kept, expected, "{filters:?}");
    };
    let none = BTreeMap::new();
    let ended_badly: BTreeMap<_, _> =
        [("history".to_string(), ContextAnswer::One("ended-badly".into()))].into();
    let topic = |t: &str| Filters {
        topic: t.into(),
        ..Filters::default()
    };
    assert_eq!(instrument.actions().len(), 49);
    check(
        Filters {
            level: Some(3),
            ..topic("conflict")
        },
        &none,
        &[
            "conflict.compare-cultures",
            "conflict.named-leads",
            "conflict.early-check",
            "conflict.internal-support",
        ],
    );
    check(
        Filters {
            level: Some(1),
            horizon: "quick-win".into(),
            ..topic("trust")
        },
        &none,
        &[
            "trust.reflective-space",
            "trust.spaces-to-talk",
            "trust.who-is-who",
            "trust.keep-promises",
        ],
    );
    let fits = Filters {
        fits_context: true,
        ..Filters::default()
    };
    check(
        fits.clone(),
        &ended_badly,
        &[
            "trust.reflective-space",
            "trust.keep-promises",
            "vision.right-size",
            "conflict.escalation-route",
            "progress.quick-wins",
            "risk.small-pilot",
        ],
    );
    // With no context answers, nothing can fit them.
    check(fits, &none, &[]);
    check(
        Filters {
            horizon: "year".into(),
            ..Filters::default()
        },
        &none,
        &[
            "leadership.joint-development",
            "vision.renew-aims",
            "agreements.review",
            "capacity.joint-posts",
            "progress.share-learning",
            "risk.pooled-budget",
            "outcomes.spread",
        ],
    );
}

/// The library page's view (of questionnaire 1.0.0's library): labelled choices in a
/// fieldset, a live count, and each card in words (levels by name, statements by their wording, context conditions by their
/// labels), with an action already on the plan marked so and the others one click away.
#[test]
fn the_action_library_shows_each_action_in_words() {
    use std::collections::{BTreeMap, BTreeSet};
    use trellis::pages::library::{ActionLibrary, ActionLibraryProps, Filters};
    use trellis_core::format::ContextAnswer;
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    let instrument = catalogue
        .get("trellis", "1.0.0")
        .expect("questionnaire 1.0.0")
        .clone();
    let context: BTreeMap<_, _> = [("age".to_string(), ContextAnswer::One("under-1".into()))].into();
    let html = render::<ActionLibrary>(ActionLibraryProps {
        instrument,
        context: Rc::new(context),
        on_plan: Rc::new(BTreeSet::from(["leadership.be-seen".to_string()])),
        collaboration: "c1".into(),
        on_adopt: Callback::noop(),
        filters: Filters {
            topic: "leadership".into(),
            level: Some(1),
            ..Filters::default()
        },
    });
    assert!(html.contains("<legend>Show actions</legend>"), "{html}");
    for (id, label) in [
        ("library-topic", "Topic"),
        ("library-level", "Suits the level"),
        ("library-horizon", "How long it takes"),
        (
            "library-fits",
            "Only actions that fit this collaboration's context",
        ),
    ] {
        assert!(
            html.contains(&format!("<label for=\"{id}\">{label}</label>")),
            "{id}: {html}"
        );
    }
    assert!(
        html.contains("<p role=\"status\" data-testid=\"library-count\">4 of 49 actions</p>"),
        "{html}"
    );
    assert_eq!(count(&html, "data-testid=\"library-leadership."), 4, "{html}");
    let card = html
        .split("data-testid=\"library-leadership.be-seen\"")
        .nth(1)
        .and_then(|rest| rest.split("</button></li>").next())
        .expect("the card of leadership.be-seen");
    expect![[r#"
         class="suggested">
        <h2>
        Make leaders visible across partner sites</h2>
        <p class="meta">
        Leadership behaviours · low effort · a quick win</p>
        <p>
        <strong>
        Suits:</strong>
         1 Forming, 2 Developing and 3 Established</p>
        <p>
        Ask a senior leader from each partner to spend time at other partners' sites and front-line meetings. Agree a simple rota so every partner hosts and visits within the first few months.</p>
        <p>
        <strong>
        Why it works:</strong>
         When people see leaders from every partner turning up, they read it as a sign that the work matters. That builds trust and belief in the collaboration.</p>
        <p>
        <strong>
        How to tell it is working:</strong>
         Staff can name leaders from other partners; the score for “Leaders from each partner take an active part in this collaboration” rises.</p>
        <p class="conditions-lead">
        <strong>
        Comes first when the answer about the collaboration is:</strong>
        </p>
        <ul class="conditions">
        <li>
        How long has the collaboration been running? “Not started yet” or “Less than a year”</li>
        <li>
        How spread out are the partners? “One integrated care system or region” or “Across several regions or nationally”</li>
        </ul>
        <p class="fits-here">
        <strong>
        Fits this collaboration:</strong>
         “Less than a year”.</p>
        <button type="button" aria-disabled="true" class="button button-secondary">
        On the plan"#]]
    .assert_eq(&pretty(card));
    // Every other action of the list is one click from the plan.
    let champions = html
        .split("data-testid=\"library-leadership.champions\"")
        .nth(1)
        .and_then(|rest| rest.split("</button></li>").next())
        .expect("the card of leadership.champions");
    assert!(
        champions.contains(">Add “Name a champion for the collaboration…” to the plan"),
        "{champions}"
    );
    assert!(!champions.contains("aria-disabled"), "{champions}");
    // With context answers the context box is there to tick, and no hint says otherwise.
    assert!(!html.contains("library-fits-hint"), "{html}");
}

// ---- Issue 18: the readiness result, acquiescence, rounds across versions, the modes ----

/// The shipped questionnaire of that version.
fn shipped(version: &str) -> Rc<trellis_core::Instrument> {
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    catalogue
        .get("trellis", version)
        .expect("a shipped questionnaire")
        .clone()
}

/// A sent response from `org` to the statements of `mode`: `answer(statement id, its place
/// among its topic's statements)` for each (`None` leaves it unanswered).
fn mode_response(
    instrument: &trellis_core::Instrument,
    mode: &str,
    k: usize,
    org: &str,
    answer: impl Fn(&str, usize) -> Option<Answer>,
) -> trellis_core::format::Response {
    use trellis_core::format::{Response, RoleCategory, Timestamp};
    let mut answers = std::collections::BTreeMap::new();
    for d in instrument.domains_in_mode(mode) {
        for (i, s) in instrument.statements_in(mode, &d.id).enumerate() {
            if let Some(a) = answer(&s.id, i) {
                answers.insert(s.id.clone(), a);
            }
        }
    }
    Response {
        id: format!("r{k}"),
        round_id: "r".into(),
        organisation: org.into(),
        role: RoleCategory::Manager,
        answers,
        levels: Default::default(),
        comments: Default::default(),
        started: Timestamp(0),
        updated: Timestamp(0),
        submitted: Some(Timestamp(1)),
        ties: Default::default(),
    }
}

/// The analysis of a round of `instrument` in `mode`, with no targets.
fn analysed(
    instrument: &trellis_core::Instrument,
    mode: &str,
    responses: &[trellis_core::format::Response],
    context: &std::collections::BTreeMap<String, trellis_core::format::ContextAnswer>,
) -> trellis_core::analysis::RoundAnalysis {
    use trellis_core::analysis::{analyse, RoundInput};
    analyse(&RoundInput {
        instrument,
        mode,
        responses: responses.iter().collect(),
        context,
        targets: &Default::default(),
        consensus: &Default::default(),
        earlier_targets: &Default::default(),
        min_group: 3,
        partner_map: None,
    })
}

/// The results view of an analysed round.
fn results_of(
    instrument: &Rc<trellis_core::Instrument>,
    mode: &str,
    analysis: trellis_core::analysis::RoundAnalysis,
    partners: Vec<(String, String)>,
) -> String {
    use trellis::components::{RoundResults, RoundResultsProps};
    render::<RoundResults>(RoundResultsProps {
        analysis: Rc::new(analysis),
        instrument: instrument.clone(),
        partners: Rc::new(partners),
        ask_levels: instrument.mode(mode).is_some_and(|m| m.ask_levels),
        contested_first: false,
        in_report: false,
        on_order: Callback::noop(),
    })
}

/// The results view of a readiness check of 2.0.0 by three people of one organisation,
/// each answering `topic(domain)` to a topic's statements, except at most 3 to its last
/// (so the answers vary and nobody agrees with everything): a topic answered 4 has a mean
/// of 3.67 (3.5 with two statements), in place; one answered 3, 3.0, not yet in place; one
/// answered 2, 2.0, against; `None` is "don't know" throughout.
fn readiness_round(topic: impl Fn(&str) -> Option<u8>) -> String {
    let instrument = shipped("2.0.0");
    let responses: Vec<_> = (0..3)
        .map(|k| {
            mode_response(&instrument, "readiness", k, "p1", |id, i| {
                let domain = id.split('.').next().unwrap_or_default();
                let last = instrument.statements_in("readiness", domain).count() - 1;
                Some(match topic(domain) {
                    Some(v) if i == last => Answer::Scale(v.min(3)),
                    Some(v) => Answer::Scale(v),
                    None => Answer::DontKnow,
                })
            })
        })
        .collect();
    let analysis = analysed(&instrument, "readiness", &responses, &Default::default());
    assert!(analysis.acquiescence.responses.is_empty());
    results_of(
        &instrument,
        "readiness",
        analysis,
        vec![("p1".into(), "North Trust".into())],
    )
}

/// The text of the element with this test id, tags and line breaks taken out.
fn text_of(html: &str, test_id: &str) -> String {
    let start = html
        .find(&format!("data-testid=\"{test_id}\""))
        .unwrap_or_else(|| panic!("no {test_id} in {html}"));
    let rest = &html[start..];
    let open = rest.find('>').map_or(0, |i| i + 1);
    // The element's tag name, to find where it closes (these elements do not nest).
    let tag_start = html[..start].rfind('<').unwrap_or(0) + 1;
    let tag: String = html[tag_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let body = &rest[open..rest.find(&format!("</{tag}>")).unwrap_or(rest.len())];
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Checks a readiness round's verdict, and the text of one element (test id, text).
fn says(html: &str, verdict: &str, (id, text): (&str, &str)) {
    assert_eq!(text_of(html, "readiness-verdict"), verdict, "{html}");
    assert_eq!(text_of(html, id), text, "{html}");
}

/// Each verdict of the readiness check leads the results in words, with why: ready with
/// the topics in place; ready with conditions, each named with where it stands; reconsider
/// for a gate people disagree with, and for most topics not in place; and no result, saying
/// which topics have too few answers. No stage, agenda or maturity level is shown.
#[test]
fn the_readiness_headline_says_each_verdict_and_why() {
    let html = readiness_round(|_| Some(4));
    says(
        &html,
        "Ready",
        ("in-place-need", "The need for this partnership (average 3.7)"),
    );
    assert!(
        html.contains("On average, people agree that everything this check asks about is in place."),
        "{html}"
    );
    assert_eq!(count(&html, "data-testid=\"in-place-"), 6, "{html}");
    assert!(!html.contains("readiness-conditions"), "{html}");
    assert!(!html.contains("data-testid=\"acquiescence\""), "{html}");
    // A readiness check has no stage, agenda or levels; nothing reads as a maturity level.
    for absent in [
        "Overall stage",
        "Workshop agenda",
        "Suggested actions",
        "Level now",
        "Forming",
        "Developing",
        "Established",
        ">outcome<",
        "data-testid=\"radar\"",
        "in-words",
    ] {
        assert!(!html.contains(absent), "{absent}: {html}");
    }
    assert!(html.contains("<th scope=\"col\">Where it stands</th>"), "{html}");
    // A gate is tagged so in the table (never "outcome"), and says where it stands.
    let need = text_of(&html, "result-need");
    assert!(need.starts_with("The need for this partnershipgate3.7"), "{need}");
    assert!(need.ends_with("in place"), "{need}");
    assert!(text_of(&html, "result-setup").ends_with("in place"), "{html}");

    let html = readiness_round(|d| Some(if d == "setup" || d == "history" { 3 } else { 4 }));
    says(&html, "Ready, with conditions", ("result-setup", "Time and money to get started3.03.0 – 3.03.0 (3.0 – 3.0)3 / 3100%people agree closely (1.00)not yet in place"));
    assert!(
        html.contains("Nothing here says to think again, but some conditions are not yet in place."),
        "{html}"
    );
    let conditions: Vec<&str> = html
        .split("data-testid=\"condition-")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|id| !id.starts_with("actions-"))
        .collect();
    assert_eq!(conditions, ["history", "setup"], "{html}");

    let html = readiness_round(|d| Some(if d == "benefit" { 2 } else { 4 }));
    says(&html, "Reconsider before going ahead", ("readiness-reasons", "On average, people disagree with the statements on \u{201c}Gains and costs for each partner\u{201d} (average 2.0), and this topic is a gate: without it, the partnership is unlikely to work."));
    assert!(
        text_of(&html, "condition-benefit")
            .contains("People disagree that it is in place: average 2.0. This topic is a gate."),
        "{html}"
    );

    let html = readiness_round(|d| Some(if d == "setup" || d == "power" { 4 } else { 3 }));
    says(
        &html,
        "Reconsider before going ahead",
        (
            "readiness-reasons",
            "4 of the 6 topics with a score are not yet in place, more than half.",
        ),
    );

    let html = readiness_round(|d| (d == "need" || d == "benefit").then_some(4));
    says(&html, "Not enough answers for a result", ("readiness-missing-answers", "Only 2 of the 6 topics have enough answers for a score, and a result needs at least half. Without enough answers: Backing and mandate, History between the partners, Time and money to get started and Balance of power. A person's answers count for a topic when they answered at least half of its statements with a point on the scale rather than \u{201c}don't know\u{201d} or \u{201c}not applicable\u{201d}."));
    // Three people: the result carries the small-sample caution, worded for a result.
    assert!(
        html.contains("one person's answers can move a topic between in place and not yet in place"),
        "{html}"
    );
}

/// Three people answering a 2.0.0 readiness check: 3 to every set-up statement and to
/// each other topic's first, 4 to the rest. Only set-up is not in place (3.0).
fn setup_behind(instrument: &trellis_core::Instrument) -> Vec<trellis_core::format::Response> {
    (0..3)
        .map(|k| {
            mode_response(instrument, "readiness", k, "p1", |id, i| {
                Some(Answer::Scale(if id.starts_with("setup.") || i == 0 {
                    3
                } else {
                    4
                }))
            })
        })
        .collect()
}

/// A condition of "ready with conditions" is named with where it stands, and carries its
/// actions as the agenda's action cards show them, each saying why it is suggested for a
/// readiness condition (never as an outcomes topic or by a maturity level).
#[test]
fn a_readiness_condition_carries_its_actions() {
    let html = readiness_round(|d| Some(if d == "setup" || d == "history" { 3 } else { 4 }));
    let setup = html
        .split("data-testid=\"condition-setup\"")
        .nth(1)
        .and_then(|rest| rest.split("</ul></li>").next())
        .expect("the set-up condition");
    expect![[r#"
         class="condition">
        <h3 class="condition-title">
        Time and money to get started</h3>
        <p>
        Not yet in place: average 3.0.</p>
        <p class="condition-actions-lead">
        <strong>
        What could help</strong>
        </p>
        <ul data-testid="condition-actions-setup" class="card-list">
        <li data-testid="action-setup.judge-first-year" class="card">
        <h4>
        Agree how the first year will be judged</h4>
        <p class="meta">
        Time and money to get started · low effort · a quick win</p>
        <p>
        Tell boards and staff that results may dip while the partnership starts. Agree a few early signs of progress to watch instead of final results, and when to review them.</p>
        <p>
        <strong>
        Why it works:</strong>
         An early dip is expected while time and money are moved. If nobody has said so, the dip is read as failure and support drains away.</p>
        <p>
        <strong>
        Why it is suggested:</strong>
         its topic is a condition to meet before going ahead (not yet in place, average 3.0); it is meant for a topic where this one stands; it works on “Partners accept that results may get worse for a while as the partnership starts.” (average 3.0), among the topic's weakest statements.</p>
        <p>
        <strong>
        How to tell it is working:</strong>
         Boards review the early signs, not only final results; the score for “Partners accept that results may get worse for a while as the partnership starts” rises.</p>
        </li>
        <li data-testid="action-setup.protect-time" class="card">
        <h4>
        Budget protected time for the set-up period</h4>
        <p class="meta">
        Time and money to get started · medium effort · a quick win</p>
        <p>
        Agree how many hours a week each partner's key people will give to setting up the partnership, and for how long. Take that time out of their other work and tell their teams.</p>
        <p>
        <strong>
        Why it works:</strong>
         Collaboration costs time. Set-up work squeezed into spare moments stalls, and slow progress wears away trust.</p>
        <p>
        <strong>
        Why it is suggested:</strong>
         its topic is a condition to meet before going ahead (not yet in place, average 3.0); it is meant for a topic where this one stands; it works on “The people setting up this partnership have time set aside for it.” (average 3.0), among the topic's weakest statements.</p>
        <p>
        <strong>
        How to tell it is working:</strong>
         The agreed hours are kept in the first three months; the score for “The people setting up this partnership have time set aside for it” rises.</p>
        </li>
        <li data-testid="action-setup.fund-start" class="card">
        <h4>
        Set aside money for getting started</h4>
        <p class="meta">
        Time and money to get started · medium effort · takes months</p>
        <p>
        Cost the set-up period: meetings, a coordinator, cover for staff and data work. Agree which partner pays for what, or set up a shared pot, before the work starts.</p>
        <p>
        <strong>
        Why it works:</strong>
         Unfunded set-up work falls on goodwill, which runs out. Naming the money shows that partners mean it.</p>
        <p>
        <strong>
        Why it is suggested:</strong>
         its topic is a condition to meet before going ahead (not yet in place, average 3.0); it is meant for a topic where this one stands; it works on “Money has been set aside for the cost of setting up this partnership.” (average 3.0), among the topic's weakest statements.</p>
        <p>
        <strong>
        How to tell it is working:</strong>
         The set-up costs are met without raids on other budgets; the score for “Money has been set aside for the cost of setting up this partnership” rises.</p>
        </li>
    "#]]
    .assert_eq(&pretty(setup));
    // Under staff shortages set-up is critical here, and its condition says why.
    let instrument = shipped("2.0.0");
    let context = [(
        "pressures".to_string(),
        trellis_core::format::ContextAnswer::Many(vec!["workforce".into()]),
    )]
    .into();
    let responses = setup_behind(&instrument);
    let analysis = analysed(&instrument, "readiness", &responses, &context);
    let critical = results_of(&instrument, "readiness", analysis, Vec::new());
    assert!(
        text_of(&critical, "condition-setup").contains("Not yet in place: average 3.0. Critical for this collaboration (\u{201c}Staff shortages or high staff turnover\u{201d})."),
        "{critical}"
    );
    // The topics in place follow the conditions, each with its average.
    assert_eq!(
        text_of(&html, "in-place-power"),
        "Balance of power (average 3.5)",
        "{html}"
    );
    // Without the readiness result at hand (as on another page), the reason is still
    // worded for a readiness condition, from the level its actions were matched to.
    let instrument = shipped("2.0.0");
    let action = trellis_core::analysis::SuggestedAction {
        action: "setup.fund-start".into(),
        domain: "setup".into(),
        agenda_rank: None,
        level: 2,
        level_distance: 0,
        context_matches: Vec::new(),
        weakest: Vec::new(),
        organisation_gaps: Vec::new(),
    };
    assert_eq!(
        trellis::components::names::why_suggested(&instrument, &action),
        "its topic is a condition to meet before going ahead (not yet in place); it is meant for a topic where this one stands."
    );
}

/// A topic in place overall names each organisation shown on its own for whom it is not
/// yet in place, with its average; an organisation too small to show on its own is never
/// named (docs/scoring.md, rule 15's worked example).
#[test]
fn a_topic_in_place_says_whom_it_is_not_yet_in_place_for() {
    let instrument = shipped("2.0.0");
    let partners = vec![
        ("council".to_string(), "County Council".to_string()),
        ("trust".to_string(), "North Trust".to_string()),
    ];
    // Everyone answers 4, and 3 to each topic's first statement (so nobody agrees with
    // everything); the council's power answers are 3, 3, 3 and 4 (its own mean 3.25),
    // everyone else's 4: power's mean is 3.7, in place overall.
    let round = |council: usize| {
        let mut responses = Vec::new();
        for k in 0..council + 6 {
            let org = if k < council { "council" } else { "trust" };
            let power = if k < council && k < 3 { 3 } else { 4 };
            responses.push(mode_response(&instrument, "readiness", k, org, |id, i| {
                Some(Answer::Scale(if id.starts_with("power.") {
                    power
                } else if i == 0 {
                    3
                } else {
                    4
                }))
            }));
        }
        let analysis = analysed(&instrument, "readiness", &responses, &Default::default());
        results_of(&instrument, "readiness", analysis, partners.clone())
    };
    let html = round(4);
    assert_eq!(text_of(&html, "readiness-verdict"), "Ready", "{html}");
    assert_eq!(
        text_of(&html, "in-place-power"),
        "Balance of power (average 3.7). In place overall, but not yet for one partner: County Council (average 3.3).",
        "{html}"
    );
    // Two from the council: pooled with the trust, so never named.
    let html = round(2);
    assert!(!html.contains("not-yet-for-"), "{html}");
    assert!(!html.contains("not yet for"), "{html}");
}

/// Responses that agree with everything (rule 3b) are counted, and the results say how
/// many there are and which topics' levels they move, naming nobody: scoring.md's worked
/// example on 1.0.0's readiness check; a 2.0.0 readiness check, where a topic's standing
/// moves; and a round where nothing would change.
/// The note on responses that agree with everything, in a readiness round of `instrument`
/// by groups of people, each `(how many, answer(statement id, its place in its topic))`.
type Answering<'a> = (usize, &'a dyn Fn(&str, usize) -> u8);
fn acquiescence_in(instrument: &Rc<trellis_core::Instrument>, groups: &[Answering]) -> String {
    let mut responses = Vec::new();
    for (n, answer) in groups {
        for _ in 0..*n {
            let k = responses.len();
            responses.push(mode_response(instrument, "readiness", k, "p1", |id, i| {
                Some(Answer::Scale(answer(id, i)))
            }));
        }
    }
    let analysis = analysed(instrument, "readiness", &responses, &Default::default());
    text_of(
        &results_of(instrument, "readiness", analysis, Vec::new()),
        "acquiescence",
    )
}

#[test]
fn responses_that_agree_with_everything_are_flagged_in_words() {
    let v1 = shipped("1.0.0");
    // Four people answer 3 throughout, except 2 and 3 for leadership; one answers 5 to
    // everything and one 4 and 5 in turn.
    let note = acquiescence_in(
        &v1,
        &[
            (4, &|id, i| {
                if id.starts_with("leadership.") && i == 0 {
                    2
                } else {
                    3
                }
            }),
            (1, &|_, _| 5),
            (1, &|_, i| if i % 2 == 0 { 4 } else { 5 }),
        ],
    );
    assert_eq!(
        note,
        "2 people agreed with every statement, or gave the same answer to every one. Their answers are counted like everyone else's; without them, the level of Trust and relationships would be 2 Developing rather than 3 Established, the level of Shared vision and belief would be 2 Developing rather than 3 Established, the level of Agreements and roles would be 2 Developing rather than 3 Established, the level of Handling disagreement and accountability would be 2 Developing rather than 3 Established, the level of Time, people and money would be 2 Developing rather than 3 Established, the level of Progress and learning would be 2 Developing rather than 3 Established and the level of Shared risk and commitment would be 2 Developing rather than 3 Established. They may have answered without reading, or may truly see everything in place: ask the group, and read any topic named here with care."
    );
    // Nobody is named: not even by the response's id.
    assert!(!note.contains("r4") && !note.contains("r5"), "{note}");

    // A 2.0.0 readiness check: three people answer 3 but 4 to the last statement, one
    // answers 5 throughout. With them each topic but power averages 3.5 (in place);
    // without, 3.0 (not yet). Power is in place either way, so it is not named.
    let v2 = shipped("2.0.0");
    let note = acquiescence_in(
        &v2,
        &[
            (3, &|id, _| if id == "power.decide-together" { 4 } else { 3 }),
            (1, &|_, _| 5),
        ],
    );
    assert_eq!(
        note,
        "1 person agreed with every statement, or gave the same answer to every one. Their answers are counted like everyone else's; without them, \u{201c}The need for this partnership\u{201d} would be not yet in place rather than in place, \u{201c}Backing and mandate\u{201d} would be not yet in place rather than in place, \u{201c}Gains and costs for each partner\u{201d} would be not yet in place rather than in place, \u{201c}History between the partners\u{201d} would be not yet in place rather than in place and \u{201c}Time and money to get started\u{201d} would be not yet in place rather than in place. They may have answered without reading, or may truly see everything in place: ask the group, and read any topic named here with care."
    );

    // Ten people answer 4 but 3 to one risk statement, one answers 4 throughout: levels
    // stay where they are without that one.
    let note = acquiescence_in(
        &v1,
        &[
            (10, &|id, i| if id.starts_with("risk.") && i == 0 { 3 } else { 4 }),
            (1, &|_, _| 4),
        ],
    );
    assert!(
        note.starts_with("1 person agreed with every statement, or gave the same answer to every one. Their answers are counted like everyone else's; without them, no topic's level would change."),
        "{note}"
    );
    // When everyone agrees with everything, nothing would be left without them.
    let note = acquiescence_in(&v1, &[(3, &|_, _| 4)]);
    assert!(
        note.starts_with("Everyone who answered (3 people) agreed with every statement"),
        "{note}"
    );
}

/// Two rounds of different questionnaire versions: the change since the last round says
/// so, compares levels, and says "not comparable" rather than a change of score where the
/// questions changed (rule 16's worked example on the shipped 1.0.0 and 2.0.0).
#[test]
fn rounds_of_two_questionnaire_versions_compare_by_level() {
    use trellis::pages::report::change_section;
    use trellis_core::analysis::{compare, Comparison};
    use yew::{component, Html, Properties};
    #[derive(Properties, PartialEq)]
    struct P {
        comparison: Comparison,
    }
    #[component]
    fn View(p: &P) -> Html {
        let instrument = shipped("2.0.0");
        change_section(
            &instrument,
            "Spring 2027",
            Some(&("Spring 2026".to_string(), p.comparison.clone())),
            true,
        )
    }
    let (v1, v2) = (shipped("1.0.0"), shipped("2.0.0"));
    let everyone = |instrument: &trellis_core::Instrument, value: u8| -> Vec<_> {
        (0..3)
            .map(|k| shipped_response(instrument, k, "p1", |_| value, value))
            .collect()
    };
    let before = analysed(&v1, "full", &everyone(&v1, 2), &Default::default());
    let after = analysed(&v2, "full", &everyone(&v2, 4), &Default::default());
    let html = render::<View>(P {
        comparison: compare(&before, &after),
    });
    assert_eq!(
        text_of(&html, "version-note"),
        "\u{201c}Spring 2026\u{201d} used questionnaire 1.0.0 and \u{201c}Spring 2027\u{201d} used 2.0.0: levels are compared, and scores only where the questions were the same."
    );
    assert_eq!(
        text_of(&html, "change-trust"),
        "Trust and relationships2.04.0Not comparable: the questions changed2 → 4",
        "{html}"
    );
    // Within one version nothing is said about versions, and the same statements compare.
    let earlier = analysed(&v2, "full", &everyone(&v2, 2), &Default::default());
    let html = render::<View>(P {
        comparison: compare(&earlier, &after),
    });
    assert!(!html.contains("version-note"), "{html}");
    assert_eq!(
        text_of(&html, "change-trust"),
        "Trust and relationships2.04.0Improved2 → 4",
        "{html}"
    );
}

/// The round form offers questionnaire 2.0.0's three modes, each with its title, minutes
/// and summary, in a fieldset; 1.0.0's two keep their names.
#[test]
fn the_round_form_offers_each_mode_of_the_questionnaire() {
    use trellis::pages::round_fields::{mode_options, RoundFields, RoundFieldsProps};
    use trellis_core::workspace::NewRound;
    let form = |version: &str| {
        render::<RoundFields>(RoundFieldsProps {
            value: NewRound {
                name: "Round 1".into(),
                date: "2026-11-30".into(),
                mode: "readiness".into(),
                partner_map: false,
            },
            modes: mode_options(&shipped(version)),
            on_change: Callback::noop(),
            date_error: None,
            name_error: None,
            mode_error: None,
            partner_map_offered: false,
        })
    };
    let html = form("2.0.0");
    assert!(html.contains("<legend>"), "{html}");
    let labels: Vec<&str> = html
        .split("<label for=\"mode-")
        .skip(1)
        .filter_map(|s| s.split_once('>').and_then(|(_, rest)| rest.split('<').next()))
        .collect();
    assert_eq!(
        labels,
        [
            "Readiness check (about 6 minutes)",
            "Quick check (about 5 minutes)",
            "Full maturity assessment (about 20 minutes)"
        ],
        "{html}"
    );
    assert!(
        html.contains(
            "The results show whether to go ahead, what to put in place first, or whether to think again."
        ),
        "{html}"
    );
    assert_eq!(count(&html, "checked"), 1, "{html}");
    let html = form("1.0.0");
    assert_eq!(count(&html, "<label for=\"mode-"), 2, "{html}");
}

/// The board report's first page leads a readiness check with its result: the verdict,
/// each condition with where it stands and its first action only, and the topics in place.
#[test]
fn the_board_report_gives_each_condition_its_first_step() {
    use trellis::components::readiness::readiness_body;
    use trellis_core::analysis::RoundAnalysis;
    use yew::{component, Html, Properties};
    #[derive(Properties)]
    struct P {
        analysis: RoundAnalysis,
    }
    impl PartialEq for P {
        fn eq(&self, _: &Self) -> bool {
            false
        }
    }
    #[component]
    fn View(p: &P) -> Html {
        readiness_body(&p.analysis, &shipped("2.0.0"), &[], true)
    }
    let instrument = shipped("2.0.0");
    let responses = setup_behind(&instrument);
    let html = render::<View>(P {
        analysis: analysed(&instrument, "readiness", &responses, &Default::default()),
    });
    assert_eq!(text_of(&html, "readiness-verdict"), "Ready, with conditions");
    // Every set-up statement is equally low, so the lowest effort comes first (rule 14).
    let first = instrument
        .actions()
        .iter()
        .find(|a| a.id == "setup.judge-first-year")
        .expect("the action");
    assert_eq!(
        text_of(&html, "condition-first-setup"),
        format!("First step: {}. {}", first.title, first.detail),
    );
    // The first action only: no action cards.
    assert!(!html.contains("class=\"card\""), "{html}");
    assert_eq!(count(&html, "data-testid=\"in-place-"), 5, "{html}");
}

// ---------------------------------------------------------------------------------------
// The partner map (issue 18): answering it, and its results.

/// The newest shipped questionnaire, which has the partner map's five steps.
fn newest_instrument() -> Rc<trellis_core::Instrument> {
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    catalogue
        .latest("trellis")
        .expect("a shipped questionnaire")
        .clone()
}

fn tie_questions(ties: &[(&str, Option<u8>, Option<u8>)]) -> String {
    use trellis::components::tie_questions::TieQuestionsProps;
    use trellis::components::{TieQuestions, TieStep};
    use trellis_core::format::Tie;
    let instrument = newest_instrument();
    render::<TieQuestions>(TieQuestionsProps {
        partners: vec![
            ("p2".into(), "County Council".into()),
            ("p3".into(), "Carers <Network>".into()),
        ],
        steps: instrument
            .partner_levels()
            .iter()
            .map(|l| TieStep {
                name: l.name.clone().into(),
                summary: l.summary.clone().into(),
            })
            .collect(),
        dont_know: instrument.scale().dont_know.clone().into(),
        ties: ties
            .iter()
            .map(|(p, now, wanted)| {
                (
                    p.to_string(),
                    Tie {
                        now: *now,
                        wanted: *wanted,
                    },
                )
            })
            .collect(),
        on_change: Callback::noop(),
    })
}

/// For each other partner a fieldset named by the partner, holding two radio groups (now,
/// and how it should be), each with its own legend, the five steps and "don't know"; the
/// steps' descriptions are shown once and describe each choice.
#[test]
fn the_partner_map_step_asks_about_each_other_partner_in_named_groups() {
    let html = tie_questions(&[("p2", Some(3), None)]);
    let council = html
        .split("data-testid=\"tie-p2\"")
        .nth(1)
        .and_then(|rest| rest.split("data-testid=\"tie-p3\"").next())
        .expect("a group for the council");
    expect![[r#"
         class="question tie">
        <legend>
        County Council</legend>
        <fieldset class="tie-side">
        <legend>
        How do your organisations work together now?</legend>
        <div class="choices tie-choices">
        <div class="choice">
        <input value="1" type="radio" id="tie-p2-now-1" name="tie-p2-now" aria-describedby="tie-step-1">
        <label for="tie-p2-now-1">
        1 Networking</label>
        </div>
        <div class="choice">
        <input value="2" type="radio" id="tie-p2-now-2" name="tie-p2-now" aria-describedby="tie-step-2">
        <label for="tie-p2-now-2">
        2 Cooperation</label>
        </div>
        <div class="choice">
        <input value="3" checked type="radio" id="tie-p2-now-3" name="tie-p2-now" aria-describedby="tie-step-3">
        <label for="tie-p2-now-3">
        3 Coordination</label>
        </div>
        <div class="choice">
        <input value="4" type="radio" id="tie-p2-now-4" name="tie-p2-now" aria-describedby="tie-step-4">
        <label for="tie-p2-now-4">
        4 Coalition</label>
        </div>
        <div class="choice">
        <input value="5" type="radio" id="tie-p2-now-5" name="tie-p2-now" aria-describedby="tie-step-5">
        <label for="tie-p2-now-5">
        5 Collaboration</label>
        </div>
        <div class="choice choice-aside">
        <input value="dk" type="radio" id="tie-p2-now-dk" name="tie-p2-now">
        <label for="tie-p2-now-dk">
        Don't know</label>
        </div>
        </div>
        </fieldset>
        <fieldset class="tie-side">
        <legend>
        How should they work together?</legend>
        <div class="choices tie-choices">
        <div class="choice">
        <input value="1" type="radio" id="tie-p2-wanted-1" name="tie-p2-wanted" aria-describedby="tie-step-1">
        <label for="tie-p2-wanted-1">
        1 Networking</label>
        </div>
        <div class="choice">
        <input value="2" type="radio" id="tie-p2-wanted-2" name="tie-p2-wanted" aria-describedby="tie-step-2">
        <label for="tie-p2-wanted-2">
        2 Cooperation</label>
        </div>
        <div class="choice">
        <input value="3" type="radio" id="tie-p2-wanted-3" name="tie-p2-wanted" aria-describedby="tie-step-3">
        <label for="tie-p2-wanted-3">
        3 Coordination</label>
        </div>
        <div class="choice">
        <input value="4" type="radio" id="tie-p2-wanted-4" name="tie-p2-wanted" aria-describedby="tie-step-4">
        <label for="tie-p2-wanted-4">
        4 Coalition</label>
        </div>
        <div class="choice">
        <input value="5" type="radio" id="tie-p2-wanted-5" name="tie-p2-wanted" aria-describedby="tie-step-5">
        <label for="tie-p2-wanted-5">
        5 Collaboration</label>
        </div>
        <div class="choice choice-aside">
        <input value="dk" type="radio" id="tie-p2-wanted-dk" name="tie-p2-wanted">
        <label for="tie-p2-wanted-dk">
        Don't know</label>
        </div>
        </div>
        </fieldset>
        </fieldset>
        <fieldset "#]]
    .assert_eq(&pretty(council));
    // One group a partner, named by it (escaped, never markup), and nothing else rated.
    assert_eq!(count(&html, "class=\"question tie\""), 2, "{html}");
    assert!(html.contains("<legend>Carers &lt;Network&gt;</legend>"), "{html}");
    assert_eq!(count(&html, " checked"), 1, "{html}");
    assert_eq!(count(&html, "type=\"radio\""), 24, "{html}");
    // Each description once, where the choices point.
    let instrument = newest_instrument();
    for (k, level) in instrument.partner_levels().iter().enumerate() {
        assert_eq!(count(&html, &level.summary), 1, "{html}");
        assert!(
            html.contains(&format!(
                "<span id=\"tie-step-{}\">{}</span>",
                k + 1,
                level.summary
            )),
            "{html}"
        );
    }
}

/// With the partner map, the step before the review is about the other partners, and
/// the topics are still counted as topics.
#[test]
fn progress_counts_the_partner_map_as_a_step() {
    let step = |step| {
        render::<Progress>(ProgressProps {
            step,
            steps: 11,
            answered: 0,
            statements: 49,
            minutes_left: None,
            partner_step: true,
        })
    };
    assert!(step(3).contains("Topic 3 of 9"), "{}", step(3));
    assert!(
        step(10).contains("Step 10 of 11: the other partners"),
        "{}",
        step(10)
    );
    assert!(step(11).contains("Last step of 11: review"), "{}", step(11));
}

/// A sent response from `org` with every statement of the newest questionnaire answered
/// `answer`, rating its ties as (partner, now, wanted), 0 for unanswered.
fn rater(k: usize, org: &str, answer: u8, ties: &[(&str, u8, u8)]) -> trellis_core::format::Response {
    use trellis_core::format::Tie;
    let step = |v: u8| (v > 0).then_some(v);
    let mut r = shipped_response(&newest_instrument(), k, org, |_| answer, 0);
    r.ties = ties
        .iter()
        .map(|(p, now, wanted)| {
            (
                p.to_string(),
                Tie {
                    now: step(*now),
                    wanted: step(*wanted),
                },
            )
        })
        .collect();
    r
}

/// The worked example of docs/scoring.md ("Partner map"): four people from P1, three
/// from P2 (two of whom rate P3: hidden) and three from P3 (one leaves "wanted"
/// unanswered); nobody from P3 rates P2.
fn worked_example() -> Vec<trellis_core::format::Response> {
    vec![
        rater(1, "p1", 4, &[("p2", 3, 4), ("p3", 1, 4)]),
        rater(2, "p1", 4, &[("p2", 3, 4), ("p3", 2, 4)]),
        rater(3, "p1", 4, &[("p2", 4, 5), ("p3", 1, 3)]),
        rater(4, "p1", 4, &[("p2", 3, 4), ("p3", 2, 4)]),
        rater(5, "p2", 4, &[("p1", 2, 3), ("p3", 2, 3)]),
        rater(6, "p2", 4, &[("p1", 2, 3), ("p3", 3, 3)]),
        rater(7, "p2", 4, &[("p1", 1, 3)]),
        rater(8, "p3", 4, &[("p1", 2, 4)]),
        rater(9, "p3", 4, &[("p1", 2, 4)]),
        rater(10, "p3", 4, &[("p1", 2, 0)]),
    ]
}

fn map_partners() -> Vec<(String, String)> {
    [
        ("p1", "North Trust"),
        ("p2", "City Council"),
        ("p3", "Carers Network"),
    ]
    .map(|(id, name)| (id.to_string(), name.to_string()))
    .to_vec()
}

/// The results view of a quick check of the newest questionnaire with a partner map.
fn partner_round_html(responses: &[trellis_core::format::Response], min_group: usize) -> String {
    use trellis::components::{RoundResults, RoundResultsProps};
    use trellis_core::analysis::{analyse, RoundInput};
    use trellis_core::format::Partner;
    let instrument = newest_instrument();
    let partners: Vec<Partner> = map_partners()
        .into_iter()
        .map(|(id, name)| Partner { id, name })
        .collect();
    let analysis = analyse(&RoundInput {
        instrument: &instrument,
        mode: "quick",
        responses: responses.iter().collect(),
        context: &Default::default(),
        targets: &Default::default(),
        consensus: &Default::default(),
        earlier_targets: &Default::default(),
        min_group,
        partner_map: Some(&partners),
    });
    render::<RoundResults>(RoundResultsProps {
        analysis: Rc::new(analysis),
        instrument,
        partners: Rc::new(map_partners()),
        ask_levels: false,
        contested_first: false,
        in_report: false,
        on_order: Callback::noop(),
    })
}

/// The part of `html` from the element with `test_id` to the end of its `tag`.
fn part<'a>(html: &'a str, test_id: &str, tag: &str) -> &'a str {
    let start = html
        .find(&format!("data-testid=\"{test_id}\""))
        .unwrap_or_else(|| panic!("no {test_id} in {html}"));
    let end = html[start..]
        .find(&format!("</{tag}>"))
        .map_or(html.len(), |e| start + e + tag.len() + 3);
    &html[start..end]
}

/// The matrix in words: each ordered pair a row; a pair rated by fewer than the minimum
/// group says only that, never how many; a pair nobody rated says so; a side too few
/// gave is not shown. The drawn map says the same in its cells.
#[test]
fn the_partner_map_table_gives_every_pair_and_hides_small_ones() {
    let html = partner_round_html(&worked_example(), 3);
    expect![[r#"
        data-testid="partner-map-table" class="stack">
        <caption>
        What the people from each partner said about their work with each other partner</caption>
        <thead>
        <tr>
        <th scope="col">
        People from</th>
        <th scope="col">
        About</th>
        <th scope="col">
        How many answered</th>
        <th scope="col">
        Now</th>
        <th scope="col">
        How it should be</th>
        </tr>
        </thead>
        <tbody>
        <tr data-testid="pair-p1-p2">
        <th scope="row">
        North Trust</th>
        <td data-label="About">
        City Council</td>
        <td data-label="How many answered">
        4</td>
        <td data-label="Now">
        3 Coordination (average 3.3)</td>
        <td data-label="How it should be">
        4 Coalition (average 4.3)</td>
        </tr>
        <tr data-testid="pair-p1-p3">
        <th scope="row">
        North Trust</th>
        <td data-label="About">
        Carers Network</td>
        <td data-label="How many answered">
        4</td>
        <td data-label="Now">
        1.5 (between Networking and Cooperation; average 1.5)</td>
        <td data-label="How it should be">
        4 Coalition (average 3.8)</td>
        </tr>
        <tr data-testid="pair-p2-p1">
        <th scope="row">
        City Council</th>
        <td data-label="About">
        North Trust</td>
        <td data-label="How many answered">
        3</td>
        <td data-label="Now">
        2 Cooperation (average 1.7)</td>
        <td data-label="How it should be">
        3 Coordination (average 3.0)</td>
        </tr>
        <tr data-testid="pair-p2-p3">
        <th scope="row">
        City Council</th>
        <td data-label="About">
        Carers Network</td>
        <td data-label="How many answered">
        Fewer than 3 people: not shown, to protect them</td>
        <td data-label="Now">
        –</td>
        <td data-label="How it should be">
        –</td>
        </tr>
        <tr data-testid="pair-p3-p1">
        <th scope="row">
        Carers Network</th>
        <td data-label="About">
        North Trust</td>
        <td data-label="How many answered">
        3</td>
        <td data-label="Now">
        2 Cooperation (average 2.0)</td>
        <td data-label="How it should be">
        Fewer than 3 people said</td>
        </tr>
        <tr data-testid="pair-p3-p2">
        <th scope="row">
        Carers Network</th>
        <td data-label="About">
        City Council</td>
        <td data-label="How many answered">
        Nobody answered</td>
        <td data-label="Now">
        –</td>
        <td data-label="How it should be">
        –</td>
        </tr>
        </tbody>
        </table>
    "#]]
    .assert_eq(&pretty(part(&html, "partner-map-table", "table")));
    // The drawing: one named image, rows by name and columns by number, each cell now →
    // wanted and shaded by now; the hidden cell says "fewer than 3 people", no count.
    assert!(
        html.contains("<div role=\"img\" tabindex=\"0\" aria-label=\"Map of how each pair of partners works together. The table below gives the same figures in words.\" data-testid=\"partner-heatmap\""),
        "{html}"
    );
    let map = part(&html, "partner-heatmap", "div");
    assert!(map.contains("<th scope=\"row\">3 Carers Network</th>"), "{map}");
    assert!(map.contains("<td class=\"pm-shown heat-3\">3 → 4</td>"), "{map}");
    assert!(
        map.contains("<td class=\"pm-shown heat-1\">1.5 → 4</td>"),
        "{map}"
    );
    assert!(map.contains("<td class=\"pm-shown heat-2\">2 → –</td>"), "{map}");
    assert_eq!(
        count(map, "<td class=\"pm-hidden\">fewer than 3 people</td>"),
        1,
        "{map}"
    );
    assert_eq!(count(map, "<td class=\"pm-blank\"></td>"), 1, "{map}");
    assert_eq!(count(map, "<td class=\"pm-self\"></td>"), 3, "{map}");
    // Two of City Council's people rated Carers Network: that count is never shown.
    let council_on_carers = part(&html, "pair-p2-p3", "tr");
    let shown_text: String = council_on_carers
        .split('>')
        .skip(1)
        .map(|t| t.split('<').next().unwrap_or_default())
        .collect();
    assert!(!shown_text.contains('2'), "{shown_text}");
}

/// The three concerns in words, with both sides' views, from the steps' names.
#[test]
fn the_partner_map_names_its_concerns_in_words() {
    let html = partner_round_html(&worked_example(), 3);
    let words = |id: &str| {
        let list = part(&html, id, "ul");
        list.split("<li>")
            .skip(1)
            .map(|li| li.split("</li>").next().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        words("pm-seen-differently"),
        ["North Trust and City Council see how they work together differently: people from North Trust say 3 Coordination; people from City Council say 2 Cooperation (1 step apart)."]
    );
    assert_eq!(
        words("pm-far-from-wanted"),
        ["People from North Trust say their work with Carers Network is at 1.5 (between Networking and Cooperation) and should be at 4 Coalition: 2.5 steps to go."]
    );
    assert_eq!(
        words("pm-few-strong-ties"),
        ["Carers Network works closely with none of the 2 other partners."]
    );
    assert!(!html.contains("data-testid=\"partner-map-calm\""), "{html}");
    // Where everyone agrees and is where they want to be, nothing stands out.
    let calm: Vec<_> = (0..6)
        .map(|k| {
            let (org, other) = if k < 3 { ("p1", "p2") } else { ("p2", "p1") };
            rater(k, org, 4, &[(other, 4, 4)])
        })
        .collect();
    let html = partner_round_html(&calm, 3);
    assert!(html.contains("data-testid=\"partner-map-calm\""), "{html}");
    for list in ["pm-seen-differently", "pm-far-from-wanted", "pm-few-strong-ties"] {
        assert!(!html.contains(list), "{html}");
    }
}

/// The agenda has the partner map's item, named and with its reasons in words; with
/// every cell hidden, the map says it cannot be shown and the agenda has no such item.
#[test]
fn the_agenda_lists_how_the_partners_work_together() {
    let html = partner_round_html(&worked_example(), 3);
    let agenda = part(&html, "agenda", "ol");
    let first = agenda
        .split("<li>")
        .nth(1)
        .and_then(|li| li.split("</li>").next())
        .expect("an agenda item");
    assert_eq!(
        first,
        "<strong>How the partners work together</strong> – 1 pair of partners sees the relationship between them differently; 1 relationship is far from how people want to work together (up to 2.5 steps); 1 partner has close working ties with fewer than half of the others"
    );
    let hidden = partner_round_html(&worked_example(), 5);
    assert!(hidden.contains("data-testid=\"partner-map-none\""), "{hidden}");
    assert!(
        hidden.contains("each cell needs at least 5 people from the same partner"),
        "{hidden}"
    );
    assert!(!hidden.contains("data-testid=\"partner-heatmap\""), "{hidden}");
    assert!(
        !part(&hidden, "agenda", "ol").contains("How the partners work together"),
        "{hidden}"
    );
}

/// The round form offers the partner map, with a label and a hint, only where it can be
/// asked (the questionnaire has its steps and there are at least two partners).
#[test]
fn the_round_form_offers_the_partner_map_where_it_can_be_asked() {
    use trellis::pages::round_fields::{mode_options, partner_map_offered, RoundFields, RoundFieldsProps};
    use trellis_core::workspace::NewRound;
    let instrument = newest_instrument();
    let form = |partners: usize, ticked: bool| {
        render::<RoundFields>(RoundFieldsProps {
            value: NewRound {
                name: "Spring".into(),
                date: "2026-03-01".into(),
                mode: "quick".into(),
                partner_map: ticked,
            },
            modes: mode_options(&instrument),
            on_change: Callback::noop(),
            date_error: None,
            name_error: None,
            mode_error: None,
            partner_map_offered: partner_map_offered(&instrument, partners),
        })
    };
    let html = form(3, true);
    let choice = part(&html, "partner-map-choice", "div");
    expect![[r#"
        data-testid="partner-map-choice" class="field choice-block">
        <input checked type="checkbox" id="round-partner-map" aria-describedby="round-partner-map-hint">
        <label for="round-partner-map">
        Include a map of how each pair of partners works together</label>
        <p id="round-partner-map-hint" class="hint">
        Each person also says how their organisation works with each of the other partners now, and how it should, from networking to full collaboration. It adds a few minutes. The results show where two partners see their relationship differently.</p>
        </div>
    "#]]
    .assert_eq(&pretty(choice));
    assert!(!form(3, false)
        .split("partner-map-choice")
        .nth(1)
        .unwrap_or_default()
        .contains(" checked"));
    assert!(!form(1, false).contains("partner-map-choice"));
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    let first = catalogue.get("trellis", "1.0.0").expect("questionnaire 1.0.0");
    assert!(!partner_map_offered(first, 3), "1.0.0 has no partner map steps");
}

/// The board report's summary names the largest of each concern and counts the rest (the
/// appendix has them all); with no concern it says nothing.
#[test]
fn the_report_summary_names_the_largest_partner_concerns() {
    use trellis::components::partner_map::partner_map_summary;
    use trellis_core::analysis::{FarFromWanted, FewStrongTies, PartnerMap};
    use yew::{component, Html, Properties};
    #[derive(Properties, PartialEq)]
    struct P {
        map: PartnerMap,
    }
    #[component]
    fn View(p: &P) -> Html {
        partner_map_summary(&p.map, &newest_instrument(), &map_partners())
    }
    let far = |from: &str, to: &str, now: f64| FarFromWanted {
        from: from.into(),
        to: to.into(),
        now,
        wanted: 5.0,
    };
    let map = PartnerMap {
        partners: vec!["p1".into(), "p2".into(), "p3".into()],
        cells: Vec::new(),
        seen_differently: Vec::new(),
        far_from_wanted: vec![far("p1", "p2", 1.0), far("p2", "p3", 2.0), far("p3", "p1", 3.0)],
        few_strong_ties: vec![FewStrongTies {
            partner: "p3".into(),
            strong: 1,
            others: 2,
        }],
    };
    let html = render::<View>(P { map: map.clone() });
    let items: Vec<&str> = html
        .split("<li>")
        .skip(1)
        .map(|li| li.split("</li>").next().unwrap_or_default())
        .collect();
    assert_eq!(
        items,
        [
            "People from North Trust say their work with City Council is at 1 Networking and should be at 5 Collaboration: 4 steps to go.",
            "Carers Network works closely with 1 of the 2 other partners.",
        ]
    );
    assert!(
        html.contains("<p>Appendix A lists 2 more findings about how the partners work together.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"r-partner-map\">How the partners work together</h2>"),
        "{html}"
    );
    let calm = PartnerMap {
        far_from_wanted: Vec::new(),
        few_strong_ties: Vec::new(),
        ..map
    };
    assert_eq!(render::<View>(P { map: calm }), "");
}

// ---- Issue 19: the import page's spreadsheet steps ----

mod import_steps {
    use std::rc::Rc;

    use trellis::components::import_conflicts::{ImportConflict, ImportConflictProps};
    use trellis::components::import_labels::{ImportLabels, ImportLabelsProps};
    use trellis::components::import_mapping::{
        ImportMapping, ImportMappingProps, UnclosedQuote, UnclosedQuoteProps,
    };
    use trellis_core::format::{Answer, Collaboration, Timestamp};
    use trellis_core::transfer::{
        plan_import, prepare_import, read_csv_table, ConflictChoice, ParseStop, PreparedImport,
    };
    use trellis_core::workspace::{NewCollaboration, NewRound};
    use yew::Callback;

    use super::{pretty, render, shipped};

    fn collaboration() -> Collaboration {
        NewCollaboration {
            name: "Northshire".into(),
            partners: vec![
                "Northshire County Council".into(),
                "Riverside Primary Care Network".into(),
            ],
        }
        .validate("c1".into(), Timestamp(1))
        .expect("a valid collaboration")
    }

    fn prepared(text: &str) -> PreparedImport {
        let table = read_csv_table(text).expect("a readable table");
        prepare_import("survey.csv", table, &shipped("2.0.0"), "quick", &collaboration()).expect("a header")
    }

    fn partners() -> Rc<Vec<(String, String)>> {
        Rc::new(
            collaboration()
                .partners
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
        )
    }

    /// The markup without the options of each select (every column offers all of them).
    fn without_options(html: &str) -> String {
        pretty(html)
            .lines()
            .filter(|l| !l.starts_with("<option") && !l.starts_with("<optgroup") && !l.starts_with("</op"))
            .filter(|l| !l.starts_with("Statement: ") && !l.starts_with("Comments on: "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A column matching no statement says so in words, with a marked row and the closest
    /// statements offered as buttons; recognised and left-out columns say why.
    #[test]
    fn the_mapping_flags_a_column_not_recognised() {
        let p = prepared("Timestamp,Which organisation do you work for?,Partners trust one another to act with good intent\n2026-03-13 09:10:05,Riverside,4\n");
        let html = render::<ImportMapping>(ImportMappingProps {
            name: "survey.csv".into(),
            platform: p.platform,
            header_rows: p.header_rows,
            data_rows: p.data_rows,
            columns: Rc::new(p.columns.clone()),
            mapping: Rc::new(p.mapping.clone()),
            instrument: shipped("2.0.0"),
            mode: "quick".into(),
            problem: Some("no column holds answers to a statement".into()),
            on_change: Callback::noop(),
        });
        expect_test::expect![[r#"
            <div data-testid="csv-mapping" class="import-mapping">
            <p data-testid="read-as" class="lead">
            Read as a Google Forms export: 1 header row, 1 row of answers.</p>
            <p>
            Check what each column holds. Trellis has matched columns to statements by their wording; change any that are wrong, and leave out columns such as names, emails and times.</p>
            <p data-testid="mapping-problem" class="error-message">
            These columns cannot be read yet: no column holds answers to a statement.</p>
            <div role="region" tabindex="0" aria-label="Table" class="table-wrap">
            <table data-testid="column-table" class="stack columns">
            <thead>
            <tr>
            <th scope="col">
            Column</th>
            <th scope="col">
            Status</th>
            <th scope="col">
            What it holds</th>
            </tr>
            </thead>
            <tbody>
            <tr data-testid="column-row-0">
            <th scope="row">
            <label for="column-0">
            Timestamp</label>
            </th>
            <td data-label="Status" data-testid="column-status">
            Recognised</td>
            <td data-label="What it holds">
            <select id="column-0">
            Leave out</option>
            Your organisation</option>
            Your role</option>
            Response id</option>
            When it was sent (completion time)</option>
            Whether they finished (a 0 or No keeps it as a draft)</option>
            Row per answer: the statement id</option>
            Row per answer: the answer</option>
            Row per answer: the comment</option>
            Row per answer: the level chosen</option>
            </select>
            </td>
            </tr>
            <tr data-testid="column-row-1">
            <th scope="row">
            <label for="column-1">
            Which organisation do you work for?</label>
            </th>
            <td data-label="Status" data-testid="column-status">
            Recognised</td>
            <td data-label="What it holds">
            <select id="column-1">
            Leave out</option>
            Your organisation</option>
            Your role</option>
            Response id</option>
            When it was sent (completion time)</option>
            Whether they finished (a 0 or No keeps it as a draft)</option>
            Row per answer: the statement id</option>
            Row per answer: the answer</option>
            Row per answer: the comment</option>
            Row per answer: the level chosen</option>
            </select>
            </td>
            </tr>
            <tr data-testid="column-row-2" class="unrecognised">
            <th scope="row">
            <label for="column-2">
            Partners trust one another to act with good intent</label>
            </th>
            <td data-label="Status" data-testid="column-status">
            <div>
            <strong class="status-unrecognised">
            <span aria-hidden="true">
            ⚠ </span>
            Not recognised</strong>
            <span class="hint status-hint">
            Not read until you choose what it holds.</span>
            <span class="status-hint">
            Closest statements:</span>
            <ul class="closest-list">
            <li>
            <button type="button" data-testid="use-2-trust.good-intentions" class="link-button">
            Use “Partners trust each other to act with good intentions.”</button>
            </li>
            <li>
            <button type="button" data-testid="use-2-vision.shared" class="link-button">
            Use “Partners agree on what this collaboration is trying to achieve.”</button>
            </li>
            <li>
            <button type="button" data-testid="use-2-trust.raise-concerns" class="link-button">
            Use “People feel safe to raise a concern with another partner.”</button>
            </li>
            </ul>
            </div>
            </td>
            <td data-label="What it holds">
            <select id="column-2">
            Leave out</option>
            Your organisation</option>
            Your role</option>
            Response id</option>
            When it was sent (completion time)</option>
            Whether they finished (a 0 or No keeps it as a draft)</option>
            Row per answer: the statement id</option>
            Row per answer: the answer</option>
            Row per answer: the comment</option>
            Row per answer: the level chosen</option>
            </select>
            </td>
            </tr>
            </tbody>
            </table>
            </div>
            </div>"#]].assert_eq(&without_options(&html));
    }

    /// Each label once, with its rows, what it is taken as and "suggested" when not exact.
    #[test]
    fn the_labels_are_listed_once_with_suggestions() {
        let p = prepared("organisation,role,leadership.visible\nRiverside,GP,4\nRiverside,GP,Mostly\nNorthshire County Council,Manager,4\n");
        let html = render::<ImportLabels>(ImportLabelsProps {
            labels: Rc::new(p.labels.clone()),
            partners: partners(),
            answers: Rc::new(vec![
                (Answer::Scale(4), "Agree".into()),
                (Answer::DontKnow, "Don't know".into()),
            ]),
            on_choose: Callback::noop(),
        });
        expect_test::expect![[r#"
            <div data-testid="label-tables" class="import-labels">
            <h3>
            What the labels in this file mean</h3>
            <p>
            Each label is matched once and the choice applies to every row that carries it. Check the ones marked “suggested”; a label left unmatched refuses its rows.</p>
            <div role="region" tabindex="0" aria-label="Organisations in this file" class="table-wrap">
            <table data-testid="labels-organisation" class="stack labels">
            <caption>
            Organisations in this file</caption>
            <thead>
            <tr>
            <th scope="col">
            As written</th>
            <th scope="col">
            Rows</th>
            <th scope="col">
            Taken as</th>
            </tr>
            </thead>
            <tbody>
            <tr data-testid="label-organisation">
            <th scope="row">
            <label for="label-organisation-0">
            <span class="visually-hidden">
            What “Riverside” means</span>
            <span aria-hidden="true">
            Riverside</span>
            </label>
            </th>
            <td data-label="Rows" class="num">
            2</td>
            <td data-label="Taken as">
            <select id="label-organisation-0" aria-describedby="label-organisation-0-suggested">
            <option value="">
            Not mapped: refuse these rows</option>
            <option value="p1">
            Northshire County Council</option>
            <option value="p2" selected="selected">
            Riverside Primary Care Network</option>
            </select>
            <span id="label-organisation-0-suggested" data-testid="suggested" class="tag">
            suggested</span>
            </td>
            </tr>
            <tr data-testid="label-organisation">
            <th scope="row">
            <label for="label-organisation-1">
            <span class="visually-hidden">
            What “Northshire County Council” means</span>
            <span aria-hidden="true">
            Northshire County Council</span>
            </label>
            </th>
            <td data-label="Rows" class="num">
            1</td>
            <td data-label="Taken as">
            <select id="label-organisation-1">
            <option value="">
            Not mapped: refuse these rows</option>
            <option value="p1" selected="selected">
            Northshire County Council</option>
            <option value="p2">
            Riverside Primary Care Network</option>
            </select>
            </td>
            </tr>
            </tbody>
            </table>
            </div>
            <div role="region" tabindex="0" aria-label="Roles in this file" class="table-wrap">
            <table data-testid="labels-role" class="stack labels">
            <caption>
            Roles in this file</caption>
            <thead>
            <tr>
            <th scope="col">
            As written</th>
            <th scope="col">
            Rows</th>
            <th scope="col">
            Taken as</th>
            </tr>
            </thead>
            <tbody>
            <tr data-testid="label-role">
            <th scope="row">
            <label for="label-role-0">
            <span class="visually-hidden">
            What “GP” means</span>
            <span aria-hidden="true">
            GP</span>
            </label>
            </th>
            <td data-label="Rows" class="num">
            2</td>
            <td data-label="Taken as">
            <select id="label-role-0" aria-describedby="label-role-0-suggested">
            <option value="">
            Not mapped: refuse these rows</option>
            <option value="senior-leader">
            Senior leader or executive</option>
            <option value="manager">
            Manager</option>
            <option value="clinician" selected="selected">
            Clinician or practitioner</option>
            <option value="front-line">
            Front-line staff</option>
            <option value="service-user">
            Service user or carer representative</option>
            <option value="other">
            Other</option>
            </select>
            <span id="label-role-0-suggested" data-testid="suggested" class="tag">
            suggested</span>
            </td>
            </tr>
            <tr data-testid="label-role">
            <th scope="row">
            <label for="label-role-1">
            <span class="visually-hidden">
            What “Manager” means</span>
            <span aria-hidden="true">
            Manager</span>
            </label>
            </th>
            <td data-label="Rows" class="num">
            1</td>
            <td data-label="Taken as">
            <select id="label-role-1">
            <option value="">
            Not mapped: refuse these rows</option>
            <option value="senior-leader">
            Senior leader or executive</option>
            <option value="manager" selected="selected">
            Manager</option>
            <option value="clinician">
            Clinician or practitioner</option>
            <option value="front-line">
            Front-line staff</option>
            <option value="service-user">
            Service user or carer representative</option>
            <option value="other">
            Other</option>
            </select>
            </td>
            </tr>
            </tbody>
            </table>
            </div>
            <div role="region" tabindex="0" aria-label="Answers Trellis does not read on its own" class="table-wrap">
            <table data-testid="labels-answer" class="stack labels">
            <caption>
            Answers Trellis does not read on its own</caption>
            <thead>
            <tr>
            <th scope="col">
            As written</th>
            <th scope="col">
            Rows</th>
            <th scope="col">
            Taken as</th>
            </tr>
            </thead>
            <tbody>
            <tr data-testid="label-answer">
            <th scope="row">
            <label for="label-answer-0">
            <span class="visually-hidden">
            What “Mostly” means</span>
            <span aria-hidden="true">
            Mostly</span>
            </label>
            </th>
            <td data-label="Rows" class="num">
            1</td>
            <td data-label="Taken as">
            <select id="label-answer-0">
            <option value="" selected="selected">
            Not mapped: refuse these rows</option>
            <option value="4">
            Agree</option>
            <option value="dk">
            Don't know</option>
            </select>
            </td>
            </tr>
            </tbody>
            </table>
            </div>
            </div>
        "#]].assert_eq(&pretty(&html));
    }

    /// Two copies side by side on what differs, and three choices in a fieldset.
    #[test]
    fn a_conflict_compares_the_copies_and_offers_three_choices() {
        let i = shipped("2.0.0");
        let p = prepared("response_id,organisation,role,leadership.visible,trust.good-intentions\nR1,Riverside Primary Care Network,Manager,4,4\nR1,Riverside Primary Care Network,Manager,4,2\n");
        let items = p.read(
            &p.mapping,
            &p.labels,
            false,
            &i,
            "quick",
            &collaboration(),
            "r1",
            || "x".into(),
            Timestamp(9),
        );
        let mut ws = trellis_core::format::Workspace::default();
        ws.add_collaboration(collaboration());
        let round = NewRound {
            name: "Spring".into(),
            date: "2026-03-01".into(),
            mode: "quick".into(),
            partner_map: false,
        };
        ws.add_round("c1", &round, &i, "r1".into(), Timestamp(2))
            .expect("a round");
        let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
        let (_, report) = plan_import(&ws, "r1", &catalogue, items, &Default::default());
        let conflict = report.conflicts.first().expect("a conflict").clone();
        assert_eq!(conflict.choice, ConflictChoice::KeepFirst);
        let html = render::<ImportConflict>(ImportConflictProps {
            conflict: Rc::new(conflict),
            instrument: i,
            partners: partners(),
            first_sent: Some("13 March 2026, 09:10".into()),
            second_sent: None,
            on_choose: Callback::noop(),
        });
        expect_test::expect![[r#"
            <div data-testid="conflict" class="conflict-pair">
            <div role="region" tabindex="0" aria-label="What to keep: survey.csv row 2 or survey.csv row 3" class="table-wrap">
            <table class="stack">
            <thead>
            <tr>
            <th scope="col">
            Asked</th>
            <th scope="col">
            First: survey.csv row 2</th>
            <th scope="col">
            Second: survey.csv row 3</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <th scope="row">
            Organisation</th>
            <td data-label="First: survey.csv row 2">
            Riverside Primary Care Network</td>
            <td data-label="Second: survey.csv row 3">
            Riverside Primary Care Network</td>
            </tr>
            <tr>
            <th scope="row">
            Role</th>
            <td data-label="First: survey.csv row 2">
            Manager</td>
            <td data-label="Second: survey.csv row 3">
            Manager</td>
            </tr>
            <tr>
            <th scope="row">
            Sent</th>
            <td data-label="First: survey.csv row 2">
            13 March 2026, 09:10</td>
            <td data-label="Second: survey.csv row 3">
            Not sent yet</td>
            </tr>
            <tr>
            <th scope="row">
            Partners trust each other to act with good intentions.</th>
            <td data-label="First: survey.csv row 2">
            Agree</td>
            <td data-label="Second: survey.csv row 3">
            Disagree</td>
            </tr>
            </tbody>
            </table>
            </div>
            <fieldset>
            <legend>
            What to keep: survey.csv row 2 or survey.csv row 3</legend>
            <div class="choice-block">
            <input checked type="radio" id="conflict-1-first" name="conflict-1">
            <label for="conflict-1-first">
            Keep the first only (the second is skipped)</label>
            </div>
            <div class="choice-block">
            <input type="radio" id="conflict-1-second" name="conflict-1">
            <label for="conflict-1-second">
            Keep the second only</label>
            </div>
            <div class="choice-block">
            <input type="radio" id="conflict-1-both" name="conflict-1">
            <label for="conflict-1-both">
            Keep both as separate responses</label>
            </div>
            </fieldset>
            </div>
        "#]].assert_eq(&pretty(&html));
    }

    /// A file cut short by a quote says where, and takes nothing until asked.
    #[test]
    fn an_unclosed_quote_says_where_and_offers_the_rows_before() {
        let html = render::<UnclosedQuote>(UnclosedQuoteProps {
            name: "survey.csv".into(),
            stop: ParseStop {
                quote_line: 4,
                first_lost_line: 4,
                last_line: 9,
            },
            rows: 2,
            take: false,
            on_take: Callback::noop(),
        });
        expect_test::expect![[r#"
            <div data-testid="unclosed-quote" class="notice notice-error">
            <p>
            <strong>
            survey.csv: an opening quote on line 4 is never closed, so lines 4 to 9 could not be read.</strong>
            </p>
            <p>
            Nothing from this file is imported unless you choose to take the rows before that line.</p>
            <div class="field choice-block">
            <input type="checkbox" id="take-rows">
            <label for="take-rows">
            Take the 2 rows before line 4</label>
            </div>
            </div>
        "#]].assert_eq(&pretty(&html));
    }
}

/// A summary file of one collaboration's round with two topics, read by the engine.
fn summary(
    key: &str,
    round: u32,
    version: &str,
    trust: &str,
    vision: &str,
) -> trellis_core::summary::SummaryFile {
    use trellis_core::summary::{read_summary_file, SUMMARY_FILE_COLUMNS};
    let lead = format!("trellis-summary-1,Partnership {key},{key},{round},2026-0{round}-01,trellis,{version},full,3,5,5,3,4,,,9");
    let row = |id: &str, title: &str, figures: &str| format!("{lead},{id},{title},{figures},\r\n");
    let text = format!(
        "{}\r\n{}{}",
        SUMMARY_FILE_COLUMNS.join(","),
        row("trust", "Trust", trust),
        row("vision", "Shared vision", vision)
    );
    read_summary_file("s.csv", &text).expect("a valid summary")
}

#[test]
fn the_comparison_shows_spread_standing_and_change() {
    use trellis::components::comparison::{Comparison, ComparisonProps};
    use trellis_core::summary::{compare_collaborations, gather};
    let suppressed = "2,,,,,,,,,,";
    let files = vec![
        summary(
            "aa01",
            1,
            "2.0.0",
            "9,2.5,2,3,2.5,2,3,0.8,2,scores,3",
            "9,3,2.5,3.5,3,2.5,3.5,0.8,2,scores,3",
        ),
        summary("aa01", 2, "2.0.0", "9,3.5,3,4,3.5,3,4,0.8,3,scores,3", suppressed),
        summary(
            "bb02",
            1,
            "2.0.0",
            "9,4,3.5,4.5,4,3.5,4.5,0.9,4,chosen,",
            "9,4.2,3.8,4.6,4,4,4.5,0.9,4,chosen,",
        ),
        summary(
            "cc03",
            1,
            "2.0.0",
            "9,3,2.5,3.5,3,2.5,3.5,0.7,2,scores,",
            "9,2,1.5,2.5,2,1.5,2.5,0.7,1,scores,",
        ),
    ];
    let (files, _) = gather(files);
    let overview = Rc::new(compare_collaborations(&files, Some("aa01")));
    let html = render::<Comparison>(ComparisonProps {
        overview,
        files: files.len(),
        highlight: Some("aa01".into()),
        on_highlight: Callback::noop(),
    });
    expect![[r#"
        <p data-testid="compare-counts">
        4 summary files used: 3 collaborations, 1 of them with more than one round.</p>
        <div class="field">
        <label for="compare-highlight">
        Collaboration to highlight</label>
        <select id="compare-highlight">
        <option value="">
        None</option>
        <option value="aa01" selected="selected">
        Partnership aa01</option>
        <option value="bb02">
        Partnership bb02</option>
        <option value="cc03">
        Partnership cc03</option>
        </select>
        </div>
        <section aria-labelledby="spread-heading">
        <h2 id="spread-heading">
        Each topic across collaborations</h2>
        <p class="hint">
        Each collaboration counts once, at its latest round. A dot is one collaboration's average; the box runs from the lower to the upper quartile, with a line at the median. The highlighted collaboration is the tall line.</p>
        <ul class="spread-list">
        <li data-testid="spread-trust" class="spread">
        <h3 id="spread-trust-title">
        Trust</h3>
        <svg width="100%" height="46" role="img" aria-labelledby="spread-trust-title" aria-describedby="spread-table">
        <g class="tick">
        <line x1="3%" x2="3%" y1="0" y2="30">
        </line>
        <text x="3%" y="44" text-anchor="middle">
        1</text>
        </g>
        <g class="tick">
        <line x1="26.5%" x2="26.5%" y1="0" y2="30">
        </line>
        <text x="26.5%" y="44" text-anchor="middle">
        2</text>
        </g>
        <g class="tick">
        <line x1="50%" x2="50%" y1="0" y2="30">
        </line>
        <text x="50%" y="44" text-anchor="middle">
        3</text>
        </g>
        <g class="tick">
        <line x1="73.5%" x2="73.5%" y1="0" y2="30">
        </line>
        <text x="73.5%" y="44" text-anchor="middle">
        4</text>
        </g>
        <g class="tick">
        <line x1="97%" x2="97%" y1="0" y2="30">
        </line>
        <text x="97%" y="44" text-anchor="middle">
        5</text>
        </g>
        <line x1="50%" x2="73.5%" y1="15" y2="15" class="spread-whisker">
        </line>
        <rect x="55.88%" width="11.75%" y="6" height="18" class="spread-box">
        </rect>
        <line x1="61.75%" x2="61.75%" y1="4" y2="26" class="spread-median">
        </line>
        <circle cx="50%" cy="15" r="3" class="spread-dot">
        </circle>
        <circle cx="61.75%" cy="15" r="3" class="spread-dot">
        </circle>
        <circle cx="73.5%" cy="15" r="3" class="spread-dot">
        </circle>
        <line data-testid="spread-marker" x1="61.75%" x2="61.75%" y1="0" y2="30" class="spread-marker">
        </line>
        </svg>
        <p data-testid="standing" class="spread-standing">
        Partnership aa01: average 3.5, in the middle. Of the 2 others, 1 higher and 1 lower.</p>
        </li>
        <li data-testid="spread-vision" class="spread">
        <h3 id="spread-vision-title">
        Shared vision</h3>
        <svg width="100%" height="46" role="img" aria-labelledby="spread-vision-title" aria-describedby="spread-table">
        <g class="tick">
        <line x1="3%" x2="3%" y1="0" y2="30">
        </line>
        <text x="3%" y="44" text-anchor="middle">
        1</text>
        </g>
        <g class="tick">
        <line x1="26.5%" x2="26.5%" y1="0" y2="30">
        </line>
        <text x="26.5%" y="44" text-anchor="middle">
        2</text>
        </g>
        <g class="tick">
        <line x1="50%" x2="50%" y1="0" y2="30">
        </line>
        <text x="50%" y="44" text-anchor="middle">
        3</text>
        </g>
        <g class="tick">
        <line x1="73.5%" x2="73.5%" y1="0" y2="30">
        </line>
        <text x="73.5%" y="44" text-anchor="middle">
        4</text>
        </g>
        <g class="tick">
        <line x1="97%" x2="97%" y1="0" y2="30">
        </line>
        <text x="97%" y="44" text-anchor="middle">
        5</text>
        </g>
        <line x1="26.5%" x2="78.2%" y1="15" y2="15" class="spread-whisker">
        </line>
        <rect x="39.43%" width="25.85%" y="6" height="18" class="spread-box">
        </rect>
        <line x1="52.35%" x2="52.35%" y1="4" y2="26" class="spread-median">
        </line>
        <circle cx="26.5%" cy="15" r="3" class="spread-dot">
        </circle>
        <circle cx="78.2%" cy="15" r="3" class="spread-dot">
        </circle>
        </svg>
        <p data-testid="standing" class="spread-standing">
        Partnership aa01: too few people answered for figures.</p>
        </li>
        </ul>
        <div role="region" tabindex="0" aria-label="The same figures: averages of the collaborations' latest rounds (the middle half runs from the lower to the upper quartile)" class="table-wrap">
        <table id="spread-table" data-testid="spread-table" class="stack">
        <caption>
        The same figures: averages of the collaborations' latest rounds (the middle half runs from the lower to the upper quartile)</caption>
        <thead>
        <tr>
        <th scope="col">
        Topic</th>
        <th scope="col">
        Collaborations</th>
        <th scope="col">
        Median</th>
        <th scope="col">
        Middle half</th>
        <th scope="col">
        Range</th>
        <th scope="col">
        Median level</th>
        <th scope="col">
        Partnership aa01</th>
        </tr>
        </thead>
        <tbody>
        <tr data-testid="spread-row-trust">
        <th scope="row">
        Trust</th>
        <td data-label="Collaborations">
        3</td>
        <td data-label="Median">
        3.5</td>
        <td data-label="Middle half">
        3.3 to 3.8</td>
        <td data-label="Range">
        3.0 to 4.0</td>
        <td data-label="Median level">
        3</td>
        <td data-label="Partnership aa01">
        3.5</td>
        </tr>
        <tr data-testid="spread-row-vision">
        <th scope="row">
        Shared vision<span class="meta">
         (1 collaboration: too few people for figures)</span>
        </th>
        <td data-label="Collaborations">
        2</td>
        <td data-label="Median">
        3.1</td>
        <td data-label="Middle half">
        2.6 to 3.7</td>
        <td data-label="Range">
        2.0 to 4.2</td>
        <td data-label="Median level">
        2.5</td>
        <td data-label="Partnership aa01">
        –</td>
        </tr>
        </tbody>
        </table>
        </div>
        </section>
        <section aria-labelledby="change-heading">
        <h2 id="change-heading">
        Change over rounds</h2>
        <div role="region" tabindex="0" aria-label="Levels from each collaboration's first round to its latest" class="table-wrap">
        <table data-testid="change-table" class="stack">
        <caption>
        Levels from each collaboration's first round to its latest</caption>
        <thead>
        <tr>
        <th scope="col">
        Topic</th>
        <th scope="col">
        Rose</th>
        <th scope="col">
        Stayed</th>
        <th scope="col">
        Fell</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <th scope="row">
        Trust</th>
        <td data-label="Rose">
        1</td>
        <td data-label="Stayed">
        0</td>
        <td data-label="Fell">
        0</td>
        </tr>
        <tr>
        <th scope="row">
        Shared vision</th>
        <td data-label="Rose">
        0</td>
        <td data-label="Stayed">
        0</td>
        <td data-label="Fell">
        0</td>
        </tr>
        </tbody>
        </table>
        </div>
        <div role="region" tabindex="0" aria-label="Partnership aa01, round 1 to round 2" class="table-wrap">
        <table data-testid="own-change" class="stack">
        <caption>
        Partnership aa01, round 1 to round 2</caption>
        <thead>
        <tr>
        <th scope="col">
        Topic</th>
        <th scope="col">
        Level</th>
        <th scope="col">
        Average</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <th scope="row">
        Trust</th>
        <td data-label="Level">
        2 → 3</td>
        <td data-label="Average">
        2.5 → 3.5</td>
        </tr>
        <tr>
        <th scope="row">
        Shared vision</th>
        <td data-label="Level">
        2 → –</td>
        <td data-label="Average">
        3.0 → –</td>
        </tr>
        </tbody>
        </table>
        </div>
        </section>
    "#]]
    .assert_eq(&pretty(&html));
}

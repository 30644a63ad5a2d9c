//! Native rendering tests of the pure views, through yew's server renderer (no browser).
//!
//! `LocalServerRenderer` is the single-threaded form of `ServerRenderer`: view props hold
//! `Rc` and callbacks, which are not `Send`.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use trellis::browser::storage::StorageProblem;
use trellis::components::level_choice::LevelChoiceProps;
use trellis::components::notice::StorageNoticeProps;
use trellis::components::progress::ProgressProps;
use trellis::components::question::QuestionProps;
use trellis::components::{
    BarChartProps, BarChartView, Choice, ErrorSummary, ErrorSummaryProps, LevelChoice, Progress, Question,
    StorageNotice,
};
use trellis_core::chart::bar_chart;
use trellis_core::format::Answer;
use yew::{AttrValue, BaseComponent, Callback, LocalServerRenderer};

/// Renders a component with the given props to an HTML string.
fn render<C: BaseComponent>(props: C::Properties) -> String {
    futures::executor::block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
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

#[test]
fn question_is_a_labelled_radio_group() {
    let html = question(None, "");
    assert_eq!(count(&html, "<fieldset"), 1);
    assert!(html.contains("<legend>"), "{html}");
    assert!(html.contains("7. "), "{html}");
    // Text is escaped, never inserted as markup.
    assert!(html.contains("We talk &lt;often&gt;."), "{html}");
    assert_eq!(count(&html, "type=\"radio\""), 7);
    assert_eq!(count(&html, "name=\"answer-trust.talk\""), 7);
    for code in ["1", "2", "3", "4", "5", "dk", "na"] {
        let id = format!("answer-trust.talk-{code}");
        assert!(html.contains(&format!("id=\"{id}\"")), "missing input {id}");
        assert!(html.contains(&format!("for=\"{id}\"")), "missing label for {id}");
    }
    assert!(
        html.contains("for=\"comment-trust.talk\""),
        "comment has a label: {html}"
    );
    assert!(!html.contains("checked"), "nothing is chosen yet: {html}");
    assert!(!html.contains("Clear my answer"), "{html}");
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
    assert!(html.contains("<legend>"));
    assert_eq!(count(&html, "name=\"level-trust\""), 2);
    assert!(
        html.contains("1. Forming") && html.contains("2. Thriving"),
        "{html}"
    );
    assert_eq!(count(&html, "checked"), 1);
}

#[test]
fn progress_says_where_the_respondent_is() {
    let html = render::<Progress>(ProgressProps {
        step: 2,
        steps: 10,
        answered: 12,
        statements: 49,
        minutes_left: Some(15),
    });
    assert!(html.contains("Topic 2 of 9"), "{html}");
    assert!(html.contains("12 of 49 statements answered."), "{html}");
    assert!(html.contains("About 15 minutes left."), "{html}");
    assert!(
        html.contains("max=\"49\"") && html.contains("value=\"12\""),
        "{html}"
    );
    let review = render::<Progress>(ProgressProps {
        step: 10,
        steps: 10,
        answered: 49,
        statements: 49,
        minutes_left: Some(0),
    });
    assert!(review.contains("Last step of 10: review"), "{review}");
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
    assert!(html.contains("role=\"img\""), "{html}");
    assert!(
        html.contains("aria-labelledby=\"scores-title scores-desc\""),
        "{html}"
    );
    assert!(
        html.contains("<title id=\"scores-title\">Scores by topic</title>"),
        "{html}"
    );
    assert!(html.contains("Trust 3.3; Vision not enough answers."), "{html}");
    assert_eq!(count(&html, "<rect"), 1, "only values get bars: {html}");
    assert!(
        html.contains(">3.3<") && html.contains(">not enough answers<"),
        "{html}"
    );
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
                reason: "bad".into(),
                kept_as: Some("trellis.workspace.damaged.1".into()),
            },
            "kept a copy under \"trellis.workspace.damaged.1\"",
        ),
        (
            StorageProblem::Damaged {
                reason: "bad".into(),
                kept_as: None,
            },
            "nothing you do now will be saved",
        ),
        (
            StorageProblem::Newer("newer".into()),
            "nothing you do here will be saved",
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
    assert!(html.contains("There is a problem"));
    assert!(html.contains("href=\"#partners\""), "{html}");
    assert!(html.contains("Enter at least two partner organisations"));
}

fn context_question(
    kind: trellis_core::format::ContextKind,
    current: Option<trellis_core::format::ContextAnswer>,
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
        on_input: Callback::noop(),
    })
}

#[test]
fn context_questions_use_the_right_control() {
    use trellis_core::format::{ContextAnswer, ContextKind};
    let multi = context_question(
        ContextKind::Multi,
        Some(ContextAnswer::Many(vec!["workforce".into()])),
    );
    assert!(multi.contains("<legend>Which pressures?</legend>"), "{multi}");
    assert_eq!(count(&multi, "type=\"checkbox\""), 2, "{multi}");
    assert_eq!(count(&multi, "checked"), 1, "{multi}");
    assert!(
        multi.contains("aria-describedby=\"context-pressures-hint\""),
        "{multi}"
    );
    let single = context_question(ContextKind::Single, Some(ContextAnswer::One("finance".into())));
    assert_eq!(count(&single, "type=\"radio\""), 2, "{single}");
    assert!(single.contains("Clear this answer"), "{single}");
    let number = context_question(ContextKind::Number, Some(ContextAnswer::Number(4)));
    assert!(
        number.contains("type=\"number\"") && number.contains("value=\"4\""),
        "{number}"
    );
    assert!(
        number.contains("<label for=\"context-pressures\">Which pressures?</label>"),
        "{number}"
    );
    assert!(
        !number.contains("<fieldset"),
        "a single field needs a label, not a fieldset: {number}"
    );
}

#[test]
fn round_results_show_stage_agenda_and_protected_groups() {
    use std::collections::BTreeMap;
    use trellis::components::{RoundResults, RoundResultsProps};
    use trellis_core::analysis::{analyse, RoundInput};
    use trellis_core::format::{Response, RoleCategory, Timestamp};
    let catalogue = trellis_core::Catalogue::shipped().expect("catalogue");
    let instrument = catalogue.latest("trellis").expect("instrument").clone();
    let person = |k: usize, org: &str, value: u8| Response {
        id: format!("r{k}"),
        round_id: "r".into(),
        organisation: org.into(),
        role: RoleCategory::Manager,
        answers: instrument
            .statements()
            .iter()
            .map(|s| (s.id.clone(), Answer::Scale(value)))
            .collect(),
        levels: instrument
            .domains()
            .iter()
            .map(|d| (d.id.clone(), value))
            .collect(),
        comments: BTreeMap::new(),
        started: Timestamp(0),
        updated: Timestamp(0),
        submitted: Some(Timestamp(1)),
    };
    let responses = [
        person(1, "p1", 4),
        person(2, "p1", 4),
        person(3, "p1", 4),
        person(4, "p2", 2),
    ];
    let (context, targets) = (BTreeMap::new(), BTreeMap::new());
    let analysis = analyse(&RoundInput {
        instrument: &instrument,
        mode: "full",
        responses: responses.iter().collect(),
        context: &context,
        targets: &targets,
        min_group: 3,
    });
    let html = render::<RoundResults>(RoundResultsProps {
        analysis: Rc::new(analysis),
        instrument: instrument.clone(),
        partners: Rc::new(vec![
            ("p1".into(), "North Trust".into()),
            ("p2".into(), "Tiny Charity".into()),
        ]),
        ask_levels: true,
        consensus: Default::default(),
        contested_first: false,
        on_order: Callback::noop(),
    });
    assert!(html.contains("Overall stage"), "{html}");
    assert!(html.contains("data-testid=\"agenda\""), "{html}");
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

/// Every route reads back from its own path, and paths read exactly as yew-router's
/// `#[at(...)]` patterns did: trailing slash ignored, parameters percent-decoded, anything
/// else not found.
#[test]
fn routes_read_back_from_their_paths() {
    use trellis::route::Route;
    let id = || "a1 b/c".to_string();
    let routes = [
        Route::Home,
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
        Route::Report { id: id() },
        Route::Statements { id: id() },
        Route::Progress { id: id() },
        Route::NotFound,
    ];
    for route in routes {
        assert_eq!(Route::recognize(&route.path()), route, "{}", route.path());
    }
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
    assert_eq!(
        render::<Plain>(()),
        "<div role=\"region\" tabindex=\"0\" aria-label=\"Table\" class=\"table-wrap\"><table><thead><tr>\
         <th scope=\"col\">A</th><th scope=\"col\">B</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div>"
    );
    assert_eq!(
        render::<Full>(()),
        "<div role=\"region\" tabindex=\"0\" aria-label=\"Cap\" class=\"table-wrap\"><table data-testid=\"t\" \
         class=\"c\"><caption>Cap</caption><thead><tr><th scope=\"col\">A</th></tr></thead><tbody></tbody></table></div>"
    );
}

#[test]
fn charts_carry_text_alternatives_and_their_numbers() {
    use trellis::components::charts::{distribution_figure, radar_figure};
    use trellis_core::analysis::Distribution;
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
    #[component]
    fn Bars() -> Html {
        let d = Distribution {
            points: vec![1, 0, 3, 4, 2],
            dont_know: 2,
            not_applicable: 0,
            unanswered: 1,
        };
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
            &[("Trust".to_string(), d)],
            &categories,
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
    let bars = render::<Bars>(());
    assert!(bars.contains("aria-label=\"How people answered: stacked bars"));
    // Five non-empty categories drawn (1, 3, 4, 5 and don't know), each with its count.
    assert_eq!(count(&bars, "<rect "), 5);
    assert!(bars.contains("<title>Agree: 4</title>"));
    assert!(bars.contains("know: 2</title>"));
    // The table gives every count, including the empty ones.
    assert!(bars.contains("<td class=\"num\">0</td>"));
    assert_eq!(count(&bars, "<th scope=\"col\" class=\"num\">"), 7);
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
    ] {
        assert!(index.contains(text), "index.html does not say {text:?}");
    }
    assert!(index.contains(&format!("<h1 tabindex=\"-1\">{}</h1>", msg::HOME_TITLE)));
    let answer = include_str!("../answer.html");
    for text in [msg::APP_NAME, msg::RESPONDENT_LOADING] {
        assert!(answer.contains(text), "answer.html does not say {text:?}");
    }
}

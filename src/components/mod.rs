//! Pure views: props in, `Html` out. No context, no browser API, so each renders
//! natively with `yew::ServerRenderer` in the view tests.

pub mod bar_chart;
pub mod charts;
pub mod comparison;
pub mod context_question;
pub mod error_summary;
pub mod import_conflicts;
pub mod import_labels;
pub mod import_mapping;
pub mod invitation;
pub mod level_choice;
pub mod markup;
pub mod names;
pub mod notice;
pub mod partner_map;
pub mod progress;
pub mod question;
pub mod readiness;
pub mod round_results;
pub mod tie_questions;

pub use bar_chart::{BarChartProps, BarChartView};
pub use context_question::{ContextInput, ContextQuestion};
pub use error_summary::{ErrorSummary, ErrorSummaryProps};
pub use level_choice::LevelChoice;
pub use notice::{StorageFilling, StorageNotice};
pub use progress::Progress;
pub use question::{Choice, Question};
pub use round_results::{RoundResults, RoundResultsProps};
pub use tie_questions::{TieQuestions, TieStep};

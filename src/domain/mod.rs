//! Pure rules and types: no IO, no database, no clock (dates come in as arguments).
pub mod agencies;
pub mod applications;
pub mod channel;
pub mod guidance;
pub mod ids;
pub mod keywords;
pub mod matching;
pub mod papers;
pub mod periods;
pub mod phone;
pub mod profile;
pub mod reminders;
pub mod reports;
pub mod roles;
pub mod sms_text;
pub mod ussd;
pub mod vacancies;
pub mod verdict;

pub use ids::UserId;
pub use phone::Phone;
pub use roles::{Role, Scope};

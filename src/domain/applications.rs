//! Renewal applications — "one online form, one window" (seed 004 §26): a worker names
//! the papers to renew and the centre to collect them at; the centre decides.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    Submitted,
    Approved,
    ReadyForPickup,
    Collected,
    Rejected,
    Withdrawn,
}

/// What someone does to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Centre staff accept it (with a pick-up date).
    Approve,
    /// Centre staff refuse it (with a reason).
    Reject,
    /// The papers are renewed and waiting at the window.
    MarkReady,
    /// The worker took them.
    MarkCollected,
    /// The worker changes their mind.
    Withdraw,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 6] = [
        ApplicationState::Submitted,
        ApplicationState::Approved,
        ApplicationState::ReadyForPickup,
        ApplicationState::Collected,
        ApplicationState::Rejected,
        ApplicationState::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::Submitted => "submitted",
            ApplicationState::Approved => "approved",
            ApplicationState::ReadyForPickup => "ready_for_pickup",
            ApplicationState::Collected => "collected",
            ApplicationState::Rejected => "rejected",
            ApplicationState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<ApplicationState> {
        ApplicationState::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn is_open(self) -> bool {
        matches!(
            self,
            ApplicationState::Submitted
                | ApplicationState::Approved
                | ApplicationState::ReadyForPickup
        )
    }

    /// The state after `action`, or `None` if the action is not allowed now.
    pub fn after(self, action: Action) -> Option<ApplicationState> {
        use ApplicationState::*;
        match (self, action) {
            (Submitted, Action::Approve) => Some(Approved),
            (Submitted, Action::Reject) => Some(Rejected),
            (Approved, Action::MarkReady) => Some(ReadyForPickup),
            (ReadyForPickup, Action::MarkCollected) => Some(Collected),
            (Submitted | Approved, Action::Withdraw) => Some(Withdrawn),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Action::*, ApplicationState::*, *};

    #[test]
    fn the_happy_path_and_its_exits() {
        assert_eq!(Submitted.after(Approve), Some(Approved));
        assert_eq!(Approved.after(MarkReady), Some(ReadyForPickup));
        assert_eq!(ReadyForPickup.after(MarkCollected), Some(Collected));
        assert_eq!(Submitted.after(Reject), Some(Rejected));
        assert_eq!(Approved.after(Withdraw), Some(Withdrawn));
    }

    #[test]
    fn closed_applications_stay_closed() {
        for state in [Collected, Rejected, Withdrawn] {
            assert!(!state.is_open());
            for action in [Approve, Reject, MarkReady, MarkCollected, Withdraw] {
                assert_eq!(state.after(action), None, "{state:?} + {action:?}");
            }
        }
        assert_eq!(
            Submitted.after(MarkCollected),
            None,
            "no pick-up before approval"
        );
        assert_eq!(
            ReadyForPickup.after(Withdraw),
            None,
            "renewed papers are not withdrawn"
        );
        for s in ApplicationState::ALL {
            assert_eq!(ApplicationState::parse(s.as_str()), Some(s));
        }
    }
}

//! The channel something came in by: the app (REST), SMS or USSD.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    App,
    Sms,
    Ussd,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::App => "app",
            Channel::Sms => "sms",
            Channel::Ussd => "ussd",
        }
    }
}

//! USSD menus as a pure function: the inputs of a session so far → where the caller is.
//! `0` goes back, `00` to the main menu, `9` to the next page; an input that means
//! nothing where it is typed keeps the caller on the same screen, marked invalid.
//! What a screen shows (papers, jobs, guidance…) is fetched and rendered elsewhere.

/// Longest screen gateways accept.
pub const MAX_SCREEN: usize = 182;
/// Deeper sessions are refused (a loop of `9`s, or a replay gone wrong).
pub const MAX_DEPTH: usize = 40;
pub const JOBS_PER_PAGE: usize = 3;
pub const TOPICS_PER_PAGE: usize = 3;
/// Abuse report categories offered, in order (1-based on screen).
pub const REPORT_CATEGORIES: &[&str] = super::reports::CATEGORIES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Main,
    Status {
        page: usize,
    },
    Jobs {
        page: usize,
    },
    /// One vacancy (index into the caller's ranked list) with "1 apply".
    Job {
        index: usize,
    },
    Applied {
        index: usize,
    },
    Topics {
        page: usize,
    },
    /// Guidance topic number (1-based), page of its text.
    Topic {
        number: usize,
        page: usize,
    },
    AgencyPrompt,
    AgencyResult {
        query: String,
    },
    ReportCategory,
    ReportDetails {
        category: usize,
    },
    ReportWho {
        category: usize,
        details: Option<String>,
    },
    ReportFiled {
        category: usize,
        details: Option<String>,
        anonymous: bool,
    },
    Language,
}

impl Node {
    /// A screen after which the session ends.
    pub fn ends(&self) -> bool {
        matches!(self, Node::Applied { .. } | Node::ReportFiled { .. })
    }
}

/// How many pages or items the screens hold: known only once data is fetched.
pub trait Sizes {
    /// Pages of a paged screen (at least 1).
    fn pages(&self, node: &Node) -> usize;
    /// Vacancies in the caller's list.
    fn jobs(&self) -> usize;
    /// Guidance topics.
    fn topics(&self) -> usize;
}

/// Where a session stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    pub node: Node,
    /// The last input meant nothing here.
    pub invalid: bool,
    /// A language chosen in this session (1 vi, 2 zh, 3 en), the latest one.
    pub language: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkError {
    TooDeep,
    InputTooLong,
}

/// Follows `inputs` from the main menu.
pub fn walk(inputs: &[&str], sizes: &dyn Sizes) -> Result<Walk, WalkError> {
    if inputs.len() > MAX_DEPTH {
        return Err(WalkError::TooDeep);
    }
    if inputs.iter().any(|i| i.chars().count() > MAX_SCREEN) {
        return Err(WalkError::InputTooLong);
    }
    let mut stack = vec![Node::Main];
    let mut invalid = false;
    let mut language = None;
    for raw in inputs {
        let input = raw.trim();
        let here = stack.last().cloned().unwrap_or(Node::Main);
        invalid = false;
        if here.ends() {
            invalid = true;
            continue;
        }
        match input {
            "00" => {
                stack.truncate(1);
                continue;
            }
            "0" if stack.len() > 1 => {
                stack.pop();
                continue;
            }
            _ => {}
        }
        match next(&here, input, sizes) {
            Some(Step::Go(node)) => stack.push(node),
            Some(Step::Replace(node)) => {
                stack.pop();
                stack.push(node);
            }
            Some(Step::Language(n)) => {
                language = Some(n);
                stack.truncate(1);
            }
            None => invalid = true,
        }
    }
    Ok(Walk {
        node: stack.pop().unwrap_or(Node::Main),
        invalid,
        language,
    })
}

enum Step {
    Go(Node),
    /// Next page: the same screen, further on (back returns to the screen before).
    Replace(Node),
    Language(usize),
}

fn number(input: &str, max: usize) -> Option<usize> {
    input
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=max).contains(n))
}

fn next_page(node: &Node, page: usize, sizes: &dyn Sizes) -> Option<usize> {
    (page + 1 < sizes.pages(node)).then_some(page + 1)
}

fn next(here: &Node, input: &str, sizes: &dyn Sizes) -> Option<Step> {
    use Node::*;
    Some(match here {
        Main => Step::Go(match number(input, 6)? {
            1 => Status { page: 0 },
            2 => Jobs { page: 0 },
            3 => Topics { page: 0 },
            4 => AgencyPrompt,
            5 => ReportCategory,
            _ => Language,
        }),
        Status { page } if input == "9" => Step::Replace(Status {
            page: next_page(here, *page, sizes)?,
        }),
        Jobs { page } if input == "9" => Step::Replace(Jobs {
            page: next_page(here, *page, sizes)?,
        }),
        Jobs { page } => {
            let index = page * JOBS_PER_PAGE + number(input, JOBS_PER_PAGE)? - 1;
            (index < sizes.jobs()).then_some(Step::Go(Job { index }))?
        }
        Job { index } if input == "1" => Step::Go(Applied { index: *index }),
        Topics { page } if input == "9" => Step::Replace(Topics {
            page: next_page(here, *page, sizes)?,
        }),
        Topics { page } => {
            let n = page * TOPICS_PER_PAGE + number(input, TOPICS_PER_PAGE)?;
            (n <= sizes.topics()).then_some(Step::Go(Topic { number: n, page: 0 }))?
        }
        Topic { number, page } if input == "9" => Step::Replace(Topic {
            number: *number,
            page: next_page(here, *page, sizes)?,
        }),
        AgencyPrompt if !input.is_empty() => Step::Go(AgencyResult {
            query: input.to_string(),
        }),
        ReportCategory => Step::Go(ReportDetails {
            category: number(input, REPORT_CATEGORIES.len())?,
        }),
        ReportDetails { category } if !input.is_empty() => Step::Go(ReportWho {
            category: *category,
            details: (input != "1").then(|| input.to_string()),
        }),
        ReportWho { category, details } => Step::Go(ReportFiled {
            category: *category,
            details: details.clone(),
            anonymous: match input {
                "1" => true,
                "2" => false,
                _ => return None,
            },
        }),
        Language => Step::Language(number(input, 3)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct S;
    impl Sizes for S {
        fn pages(&self, node: &Node) -> usize {
            match node {
                Node::Jobs { .. } => 2,
                Node::Topics { .. } => 4,
                Node::Status { .. } => 2,
                Node::Topic { .. } => 4,
                _ => 1,
            }
        }
        fn jobs(&self) -> usize {
            5
        }
        fn topics(&self) -> usize {
            12
        }
    }

    fn at(path: &str) -> Walk {
        let inputs: Vec<&str> = if path.is_empty() {
            vec![]
        } else {
            path.split('*').collect()
        };
        walk(&inputs, &S).unwrap()
    }

    #[test]
    fn menus_go_forward_back_home_and_page() {
        assert_eq!(at("").node, Node::Main);
        assert_eq!(at("1").node, Node::Status { page: 0 });
        assert_eq!(at("1*9").node, Node::Status { page: 1 });
        assert_eq!(at("1*0").node, Node::Main);
        assert_eq!(at("2*9").node, Node::Jobs { page: 1 });
        assert_eq!(at("2*9*2").node, Node::Job { index: 4 });
        assert_eq!(at("2*9*2*1").node, Node::Applied { index: 4 });
        assert_eq!(
            at("3*9*9*9*3").node,
            Node::Topic {
                number: 12,
                page: 0
            }
        );
        assert_eq!(
            at("3*1*9*9*0").node,
            Node::Topics { page: 0 },
            "back leaves the topic"
        );
        assert_eq!(at("3*1*9*00").node, Node::Main);
        assert_eq!(
            at("4*Hoa Binh").node,
            Node::AgencyResult {
                query: "Hoa Binh".into()
            }
        );
        assert_eq!(
            at("5*2*1*1").node,
            Node::ReportFiled {
                category: 2,
                details: None,
                anonymous: true
            }
        );
        assert_eq!(
            at("5*1*no pay 2 months*2").node,
            Node::ReportFiled {
                category: 1,
                details: Some("no pay 2 months".into()),
                anonymous: false
            }
        );
        let w = at("6*2");
        assert_eq!((w.node, w.language), (Node::Main, Some(2)));
    }

    #[test]
    fn a_meaningless_input_keeps_the_screen_and_marks_it() {
        for (path, node) in [
            ("7", Node::Main),
            ("2*9*9", Node::Jobs { page: 1 }),
            ("2*9*3", Node::Jobs { page: 1 }),
            ("1*5", Node::Status { page: 0 }),
            ("1*9*9", Node::Status { page: 1 }),
            ("5*9", Node::ReportCategory),
            (
                "5*1*x*3",
                Node::ReportWho {
                    category: 1,
                    details: Some("x".into()),
                },
            ),
        ] {
            let w = at(path);
            assert_eq!(w.node, node, "{path}");
            assert!(w.invalid, "{path}");
        }
        assert!(!at("7*1").invalid, "a later valid input clears it");
        assert!(at("2*1*1*5").invalid, "nothing after an ending screen");
    }

    proptest::proptest! {
        #[test]
        fn any_input_sequence_lands_somewhere_or_is_refused(
            inputs in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[0-9]{1,2}").unwrap(),
                    proptest::string::string_regex("[a-zA-Zđạ ]{0,20}").unwrap(),
                    proptest::strategy::Just("00".to_string()),
                    proptest::strategy::Just("9".to_string()),
                ],
                0..50,
            )
        ) {
            let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
            match walk(&refs, &S) {
                Ok(w) => {
                    if let Node::Job { index } | Node::Applied { index } = w.node {
                        proptest::prop_assert!(index < S.jobs());
                    }
                    if let Node::Topic { number, page } = w.node {
                        proptest::prop_assert!((1..=S.topics()).contains(&number));
                        proptest::prop_assert!(page < S.pages(&w.node));
                    }
                    proptest::prop_assert_eq!(walk(&refs, &S), Ok(w), "deterministic");
                }
                Err(WalkError::TooDeep) => proptest::prop_assert!(refs.len() > MAX_DEPTH),
                Err(WalkError::InputTooLong) => proptest::prop_assert!(false, "inputs are short"),
            }
        }
    }

    #[test]
    fn limits() {
        let deep = vec!["9"; MAX_DEPTH + 1];
        assert_eq!(walk(&deep, &S), Err(WalkError::TooDeep));
        let long = "x".repeat(MAX_SCREEN + 1);
        assert_eq!(walk(&["4", &long], &S), Err(WalkError::InputTooLong));
        assert_eq!(at("2*9*1"), at("2*9*1"), "replay gives the same place");
    }
}

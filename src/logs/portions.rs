//! Reading a whole RDS log file with DownloadDBLogFilePortion: start at
//! marker `0` (the beginning, where the aws CLI without `--starting-token 0`
//! starts at the end and returns one truncated portion), append each
//! portion, follow the marker while `AdditionalDataPending`, and stop with
//! an error when RDS hands back a marker that does not move (never loop).
//! Pure: the caller sends the requests; touches nothing.

/// One DownloadDBLogFilePortion answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Portion {
    pub data: Option<String>,
    pub marker: Option<String>,
    pub pending: bool,
}

/// The state of reading one file, portion after portion.
#[derive(Debug, Clone)]
pub struct PortionReader {
    file: String,
    next: Option<String>,
    text: String,
    portions: usize,
    /// Every marker asked so far: one coming back means a loop.
    asked: std::collections::HashSet<String>,
}

/// Where reading begins: the start of the file.
pub const FIRST_MARKER: &str = "0";

impl PortionReader {
    pub fn new(file: impl Into<String>) -> Self {
        PortionReader {
            file: file.into(),
            next: Some(FIRST_MARKER.to_string()),
            text: String::new(),
            portions: 0,
            asked: std::collections::HashSet::new(),
        }
    }

    /// The marker of the next request, or `None` when the file is read to the end.
    pub fn marker(&self) -> Option<&str> {
        self.next.as_deref()
    }

    /// Takes one answer to the request made with [`marker`](Self::marker).
    pub fn accept(&mut self, p: Portion) -> Result<(), String> {
        if let Some(m) = self.next.take() {
            self.asked.insert(m);
        }
        self.portions += 1;
        if let Some(d) = &p.data {
            self.text.push_str(d);
        }
        if !p.pending {
            return Ok(());
        }
        match p.marker.filter(|m| !m.is_empty()) {
            None => Err(format!(
                "RDS said more of `{}` is pending but sent no marker to read it with (after {} portion(s))",
                self.file, self.portions
            )),
            Some(m) if self.asked.contains(&m) => Err(format!(
                "RDS sent marker `{m}` for `{}` again, so reading would not advance (after {} portion(s))",
                self.file, self.portions
            )),
            Some(m) => {
                self.next = Some(m);
                Ok(())
            }
        }
    }

    /// How many portions were read.
    pub fn portions(&self) -> usize {
        self.portions
    }

    /// The file's text, every portion in order.
    pub fn into_text(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drives a reader over canned answers keyed by the marker asked, as
    /// the command does over the real API.
    fn read(answers: &[(&str, Portion)]) -> (Result<String, String>, Vec<String>) {
        let mut r = PortionReader::new("error/postgresql.log.2023-10-02-10");
        let mut asked = Vec::new();
        while let Some(m) = r.marker() {
            asked.push(m.to_string());
            if asked.len() > 50 {
                panic!("the reader loops: {asked:?}");
            }
            let Some((_, p)) = answers.iter().find(|(k, _)| *k == m) else {
                return (Err(format!("no answer for {m}")), asked);
            };
            if let Err(e) = r.accept(p.clone()) {
                return (Err(e), asked);
            }
        }
        (Ok(r.into_text()), asked)
    }

    fn portion(data: &str, marker: &str, pending: bool) -> Portion {
        Portion {
            data: Some(data.into()),
            marker: Some(marker.into()),
            pending,
        }
    }

    #[test]
    fn reads_every_portion_from_the_start_to_the_end() {
        let (text, asked) = read(&[
            ("0", portion("line 1\nline 2\n", "10:120", true)),
            ("10:120", portion("line 3\n", "10:240", true)),
            ("10:240", portion("line 4\n", "10:300", false)),
        ]);
        assert_eq!(text.unwrap(), "line 1\nline 2\nline 3\nline 4\n");
        assert_eq!(asked, ["0", "10:120", "10:240"]);
    }

    #[test]
    fn a_single_portion_and_an_empty_file() {
        assert_eq!(
            read(&[("0", portion("only\n", "1", false))]).0.unwrap(),
            "only\n"
        );
        let empty = Portion {
            data: None,
            marker: None,
            pending: false,
        };
        assert_eq!(read(&[("0", empty)]).0.unwrap(), "");
    }

    #[test]
    fn empty_portions_with_data_pending_keep_going() {
        let (text, asked) = read(&[
            ("0", portion("", "5:1", true)),
            ("5:1", portion("late\n", "5:2", false)),
        ]);
        assert_eq!(text.unwrap(), "late\n");
        assert_eq!(asked.len(), 2);
    }

    #[test]
    fn a_marker_that_does_not_move_is_an_error_not_a_loop() {
        let (r, asked) = read(&[
            ("0", portion("a\n", "7:1", true)),
            ("7:1", portion("b\n", "7:1", true)),
        ]);
        let e = r.unwrap_err();
        assert!(e.contains("marker `7:1`") && e.contains("again"), "{e}");
        assert_eq!(asked, ["0", "7:1"]);
    }

    #[test]
    fn pending_without_a_marker_is_an_error() {
        let p = Portion {
            data: Some("a".into()),
            marker: None,
            pending: true,
        };
        let e = read(&[("0", p)]).0.unwrap_err();
        assert!(e.contains("no marker"), "{e}");
    }
}

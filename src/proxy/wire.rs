//! The server side of the PostgreSQL wire protocol, as far as the proxy
//! speaks it itself: the client's startup packet (SSLRequest, GSSENCRequest,
//! CancelRequest, StartupMessage), its password message, and the few backend
//! messages the proxy writes before the upstream takes over (authentication
//! requests, ErrorResponse, BackendKeyData). postgres-protocol only writes
//! frontend messages and parses backend ones, so these are written here;
//! frame boundaries are read with its `backend::Header` (frontend and
//! backend messages share the tag + length framing). Pure: bytes in, bytes out.

use std::collections::BTreeMap;

use bytes::{BufMut, BytesMut};

/// The protocol version 3.0 startup code.
pub const PROTOCOL_3_0: i32 = 196_608;
pub const SSL_REQUEST: i32 = 80_877_103;
pub const GSSENC_REQUEST: i32 = 80_877_104;
pub const CANCEL_REQUEST: i32 = 80_877_102;

/// The largest startup packet accepted (PostgreSQL's own limit is 10000).
pub const MAX_STARTUP: usize = 10_000;

/// What a client's first packet asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Startup {
    Ssl,
    GssEnc,
    Cancel {
        pid: i32,
        key: i32,
    },
    /// A protocol 3.0 StartupMessage: its parameters (user, database, …).
    Params(BTreeMap<String, String>),
    /// Anything else: an unsupported protocol version.
    Unsupported(i32),
}

/// Parses a startup packet body (after its 4-byte length): the code and
/// what follows it.
pub fn parse_startup(body: &[u8]) -> Result<Startup, String> {
    if body.len() < 4 {
        return Err("startup packet too short".into());
    }
    let code = i32::from_be_bytes([body[0], body[1], body[2], body[3]]);
    let rest = &body[4..];
    Ok(match code {
        SSL_REQUEST => Startup::Ssl,
        GSSENC_REQUEST => Startup::GssEnc,
        CANCEL_REQUEST => {
            if rest.len() < 8 {
                return Err("cancel request too short".into());
            }
            Startup::Cancel {
                pid: i32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]),
                key: i32::from_be_bytes([rest[4], rest[5], rest[6], rest[7]]),
            }
        }
        PROTOCOL_3_0 => {
            if rest.last() != Some(&0) {
                return Err("startup parameters not terminated".into());
            }
            let mut params = BTreeMap::new();
            let mut parts = rest.split(|b| *b == 0);
            loop {
                let Some(k) = parts.next() else {
                    return Err("startup parameters not terminated".into());
                };
                if k.is_empty() {
                    break;
                }
                let Some(v) = parts.next() else {
                    return Err(format!(
                        "startup parameter `{}` has no value",
                        String::from_utf8_lossy(k)
                    ));
                };
                let k = String::from_utf8(k.to_vec())
                    .map_err(|_| "startup parameter name is not UTF-8".to_string())?;
                let v = String::from_utf8(v.to_vec())
                    .map_err(|_| format!("startup parameter `{k}` is not UTF-8"))?;
                params.insert(k, v);
            }
            Startup::Params(params)
        }
        other => Startup::Unsupported(other),
    })
}

fn frame(tag: u8, body: &[u8], out: &mut BytesMut) {
    out.put_u8(tag);
    out.put_i32(body.len() as i32 + 4);
    out.put_slice(body);
}

/// AuthenticationCleartextPassword.
pub fn auth_cleartext(out: &mut BytesMut) {
    frame(b'R', &3i32.to_be_bytes(), out);
}

/// AuthenticationMD5Password with `salt`.
pub fn auth_md5(salt: [u8; 4], out: &mut BytesMut) {
    let mut body = 5i32.to_be_bytes().to_vec();
    body.extend_from_slice(&salt);
    frame(b'R', &body, out);
}

/// AuthenticationOk.
pub fn auth_ok(out: &mut BytesMut) {
    frame(b'R', &0i32.to_be_bytes(), out);
}

/// BackendKeyData with the proxy's own key.
pub fn backend_key_data(pid: i32, key: i32, out: &mut BytesMut) {
    let mut body = pid.to_be_bytes().to_vec();
    body.extend_from_slice(&key.to_be_bytes());
    frame(b'K', &body, out);
}

/// An ErrorResponse (severity FATAL unless `severity` says otherwise).
#[derive(Debug, Clone)]
pub struct Error {
    pub severity: &'static str,
    pub code: String,
    pub message: String,
    pub detail: Option<String>,
    pub hint: Option<String>,
}

impl Error {
    pub fn fatal(code: &str, message: impl Into<String>) -> Error {
        Error {
            severity: "FATAL",
            code: code.to_string(),
            message: message.into(),
            detail: None,
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Error {
        self.detail = Some(detail.into());
        self
    }

    pub fn write(&self, out: &mut BytesMut) {
        let mut body = Vec::new();
        let mut field = |t: u8, v: &str| {
            body.push(t);
            // A NUL inside a field would end it early.
            body.extend(v.bytes().filter(|b| *b != 0));
            body.push(0);
        };
        field(b'S', self.severity);
        field(b'V', self.severity);
        field(b'C', &self.code);
        field(b'M', &self.message);
        if let Some(d) = &self.detail {
            field(b'D', d);
        }
        if let Some(h) = &self.hint {
            field(b'H', h);
        }
        body.push(0);
        frame(b'E', &body, out);
    }
}

/// The statement text of a Query ('Q') or Parse ('P') message body, cut at
/// `max` bytes (on a character boundary). Bind parameters are in Bind
/// messages and never read.
pub fn statement_text(tag: u8, body: &[u8], max: usize) -> Option<String> {
    let text = match tag {
        b'Q' => body.split(|b| *b == 0).next()?,
        b'P' => {
            let mut parts = body.splitn(3, |b| *b == 0);
            let _name = parts.next()?;
            parts.next()?
        }
        _ => return None,
    };
    let s = String::from_utf8_lossy(text);
    if s.len() <= max {
        return Some(s.into_owned());
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Some(format!("{}…", &s[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn startup_body(params: &[(&str, &str)]) -> Vec<u8> {
        let mut b = PROTOCOL_3_0.to_be_bytes().to_vec();
        for (k, v) in params {
            b.extend_from_slice(k.as_bytes());
            b.push(0);
            b.extend_from_slice(v.as_bytes());
            b.push(0);
        }
        b.push(0);
        b
    }

    #[test]
    fn parses_startup_cancel_and_ssl() {
        let s = parse_startup(&startup_body(&[("user", "app"), ("database", "db")])).unwrap();
        let Startup::Params(p) = s else {
            panic!("{s:?}")
        };
        assert_eq!(p["user"], "app");
        assert_eq!(p["database"], "db");
        assert_eq!(
            parse_startup(&SSL_REQUEST.to_be_bytes()).unwrap(),
            Startup::Ssl
        );
        let mut c = CANCEL_REQUEST.to_be_bytes().to_vec();
        c.extend_from_slice(&7i32.to_be_bytes());
        c.extend_from_slice(&(-9i32).to_be_bytes());
        assert_eq!(
            parse_startup(&c).unwrap(),
            Startup::Cancel { pid: 7, key: -9 }
        );
        assert!(parse_startup(&[0, 1]).is_err());
        assert!(parse_startup(&PROTOCOL_3_0.to_be_bytes()).is_err());
        assert_eq!(
            parse_startup(&1234i32.to_be_bytes()).unwrap(),
            Startup::Unsupported(1234)
        );
    }

    #[test]
    fn statement_texts() {
        assert_eq!(
            statement_text(b'Q', b"select 1\0", 100).as_deref(),
            Some("select 1")
        );
        assert_eq!(
            statement_text(b'P', b"s1\0select $1\0\0\x01\0\0\0\x17", 100).as_deref(),
            Some("select $1")
        );
        assert_eq!(statement_text(b'B', b"x\0", 100), None);
        assert_eq!(
            statement_text(b'Q', "ééé\0".as_bytes(), 3).as_deref(),
            Some("é…")
        );
    }

    #[test]
    fn error_response_is_framed() {
        let mut out = BytesMut::new();
        Error::fatal("28P01", "no").hint("h").write(&mut out);
        assert_eq!(out[0], b'E');
        let len = i32::from_be_bytes([out[1], out[2], out[3], out[4]]) as usize;
        assert_eq!(len + 1, out.len());
        let parsed = postgres_protocol::message::backend::Message::parse(&mut out)
            .unwrap()
            .unwrap();
        assert!(matches!(
            parsed,
            postgres_protocol::message::backend::Message::ErrorResponse(_)
        ));
    }

    proptest! {
        #[test]
        fn startup_parser_never_panics(body in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse_startup(&body);
        }

        #[test]
        fn startup_round_trips(params in proptest::collection::btree_map("[a-z_]{1,12}", "[^\u{0}]{0,20}", 0..6)) {
            let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            prop_assert_eq!(parse_startup(&startup_body(&pairs)).unwrap(), Startup::Params(params.clone()));
        }

        #[test]
        fn statement_text_never_panics(tag in prop_oneof![Just(b'Q'), Just(b'P')], body in proptest::collection::vec(any::<u8>(), 0..100), max in 0usize..50) {
            let _ = statement_text(tag, &body, max);
        }
    }
}

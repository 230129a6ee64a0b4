//! One upstream connection of the proxy: TCP to the server, TLS per the
//! target's sslmode (the same rustls connector as `crate::pg`), the startup
//! message with the client's database and application_name, and the
//! authentication the server asks for (cleartext, md5, SCRAM-SHA-256) with
//! the credential obtained for this connection. Framing and SCRAM come from
//! postgres-protocol. Touches the PostgreSQL server.

use std::time::Duration;

use bytes::BytesMut;
use postgres_protocol::authentication::sasl::{ChannelBinding, ScramSha256, SCRAM_SHA_256};
use postgres_protocol::message::backend::{Header, Message};
use postgres_protocol::message::frontend;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_postgres::tls::{MakeTlsConnect, TlsConnect};

use super::wire;
use crate::pg::{ConnInfo, SslMode};

/// A byte stream to the server, plain or TLS.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// The connection to the server: plain TCP (split into owned halves without
/// a lock) or TLS.
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<dyn Io>),
}

/// A server connection that has said ReadyForQuery.
pub struct Upstream {
    pub stream: Stream,
    /// The server's backend process id and cancel key.
    pub pid: i32,
    pub key: i32,
    /// What the server sent after authenticating, for the client as it was
    /// (AuthenticationOk, ParameterStatus, notices, ReadyForQuery), without
    /// BackendKeyData, which the proxy replaces with its own.
    pub greeting: BytesMut,
}

impl Stream {
    /// The stream as one reader and writer (for the handshake).
    fn io(&mut self) -> &mut (dyn Io + '_) {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.as_mut(),
        }
    }
}

/// The longest an upstream connection may take to say ReadyForQuery.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens and authenticates an upstream connection as `conn.user` with
/// `conn.password`; `params` are the startup parameters besides the user.
/// Failures are ErrorResponses for the client, naming the cause.
pub async fn connect(
    conn: &ConnInfo,
    tls: Option<&tokio_postgres_rustls::MakeRustlsConnect>,
    params: &[(String, String)],
) -> Result<Upstream, wire::Error> {
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake(conn, tls, params)).await {
        Ok(r) => r,
        Err(_) => Err(wire::Error::fatal(
            "08006",
            format!(
                "dbtool proxy: the upstream {}:{} did not finish the handshake within {} s",
                conn.host,
                conn.port,
                HANDSHAKE_TIMEOUT.as_secs()
            ),
        )
        .hint("check the network path (VPN, security group) and the server's load")),
    }
}

async fn handshake(
    conn: &ConnInfo,
    tls: Option<&tokio_postgres_rustls::MakeRustlsConnect>,
    params: &[(String, String)],
) -> Result<Upstream, wire::Error> {
    let place = format!("{}:{}", conn.host, conn.port);
    let unreachable = |e: std::io::Error| {
        wire::Error::fatal(
            "08006",
            format!("dbtool proxy: cannot reach the upstream {place}: {e}"),
        )
        .hint("check the network path to the database: VPN, security group, the instance's status")
    };
    let tcp = TcpStream::connect((conn.host.as_str(), conn.port))
        .await
        .map_err(unreachable)?;
    let _ = tcp.set_nodelay(true);
    let mut stream = match (conn.sslmode, tls) {
        (SslMode::Disable, _) | (_, None) => Stream::Plain(tcp),
        (mode, Some(tls)) => {
            let mut tcp = tcp;
            let mut buf = BytesMut::new();
            frontend::ssl_request(&mut buf);
            tcp.write_all(&buf).await.map_err(unreachable)?;
            let answer = tcp.read_u8().await.map_err(unreachable)?;
            match answer {
                b'S' => {
                    let mut make = tls.clone();
                    let connector =
                        MakeTlsConnect::<TcpStream>::make_tls_connect(&mut make, &conn.host)
                            .map_err(|e| {
                                wire::Error::fatal(
                                    "08006",
                                    format!(
                                        "dbtool proxy: `{}` is not a TLS server name: {e}",
                                        conn.host
                                    ),
                                )
                            })?;
                    let s = connector.connect(tcp).await.map_err(|e| {
                        wire::Error::fatal(
                            "08006",
                            format!("dbtool proxy: the TLS handshake with the upstream {place} failed: {e}"),
                        )
                        .hint("check sslmode and ca_bundle in dbtool.toml")
                    })?;
                    Stream::Tls(Box::new(s))
                }
                _ if mode == SslMode::Prefer => {
                    // libpq's `prefer`: a server without TLS is used in the clear.
                    Stream::Plain(tcp)
                }
                _ => {
                    return Err(wire::Error::fatal(
                        "08006",
                        format!(
                            "dbtool proxy: the upstream {place} does not accept TLS (sslmode={})",
                            mode.as_str()
                        ),
                    )
                    .hint("the target's sslmode requires TLS; check the server's ssl setting"))
                }
            }
        }
    };
    let io = |e: std::io::Error| {
        wire::Error::fatal(
            "08006",
            format!("dbtool proxy: the upstream {place} closed the connection: {e}"),
        )
    };
    let mut out = BytesMut::new();
    let mut startup: Vec<(&str, &str)> = vec![("user", conn.user.as_str())];
    startup.extend(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    frontend::startup_message(startup.iter().copied(), &mut out).map_err(io)?;
    stream.io().write_all(&out).await.map_err(io)?;

    let password = || {
        conn.password.clone().ok_or_else(|| {
            wire::Error::fatal(
                "28P01",
                format!("dbtool proxy: the upstream {place} asks for a password and the target has none"),
            )
            .hint("configure the role's password source (password = { ssm = \"...\" }) or IAM authentication")
        })
    };
    let mut buf = BytesMut::with_capacity(8192);
    let mut greeting = BytesMut::new();
    let mut scram: Option<ScramSha256> = None;
    let mut backend: Option<(i32, i32)> = None;
    loop {
        let raw = loop {
            if let Some(h) = Header::parse(&buf).map_err(io)? {
                let total = h.len() as usize + 1;
                if buf.len() >= total {
                    break buf.split_to(total);
                }
            }
            if stream.io().read_buf(&mut buf).await.map_err(io)? == 0 {
                return Err(io(std::io::ErrorKind::UnexpectedEof.into()));
            }
        };
        let msg = Message::parse(&mut raw.clone()).map_err(io)?;
        let mut reply = BytesMut::new();
        match msg {
            Some(Message::AuthenticationCleartextPassword) => {
                frontend::password_message(password()?.as_bytes(), &mut reply).map_err(io)?;
            }
            Some(Message::AuthenticationMd5Password(body)) => {
                let hash = postgres_protocol::authentication::md5_hash(
                    conn.user.as_bytes(),
                    password()?.as_bytes(),
                    body.salt(),
                );
                frontend::password_message(hash.as_bytes(), &mut reply).map_err(io)?;
            }
            Some(Message::AuthenticationSasl(body)) => {
                let mut mechanisms = body.mechanisms();
                let mut scram_offered = false;
                while let Ok(Some(m)) = fallible_iterator::FallibleIterator::next(&mut mechanisms) {
                    scram_offered |= m == SCRAM_SHA_256;
                }
                if !scram_offered {
                    return Err(wire::Error::fatal(
                        "28000",
                        format!("dbtool proxy: the upstream {place} offers no SASL mechanism the proxy speaks (SCRAM-SHA-256)"),
                    ));
                }
                let s = ScramSha256::new(password()?.as_bytes(), ChannelBinding::unsupported());
                frontend::sasl_initial_response(SCRAM_SHA_256, s.message(), &mut reply)
                    .map_err(io)?;
                scram = Some(s);
            }
            Some(Message::AuthenticationSaslContinue(body)) => {
                let s = scram
                    .as_mut()
                    .ok_or_else(|| io(std::io::ErrorKind::InvalidData.into()))?;
                s.update(body.data()).map_err(io)?;
                frontend::sasl_response(s.message(), &mut reply).map_err(io)?;
            }
            Some(Message::AuthenticationSaslFinal(body)) => {
                let s = scram
                    .as_mut()
                    .ok_or_else(|| io(std::io::ErrorKind::InvalidData.into()))?;
                s.finish(body.data()).map_err(|e| {
                    wire::Error::fatal(
                        "28000",
                        format!("dbtool proxy: the upstream {place} failed SCRAM server verification: {e}"),
                    )
                })?;
            }
            Some(Message::BackendKeyData(body)) => {
                backend = Some((body.process_id(), body.secret_key()));
            }
            Some(Message::ReadyForQuery(_)) => {
                greeting.extend_from_slice(&raw);
                let (pid, key) = backend.unwrap_or((0, 0));
                return Ok(Upstream {
                    stream,
                    pid,
                    key,
                    greeting,
                });
            }
            Some(Message::ErrorResponse(body)) => {
                return Err(refused(&place, conn, &body));
            }
            Some(
                Message::AuthenticationGss
                | Message::AuthenticationKerberosV5
                | Message::AuthenticationSspi
                | Message::AuthenticationScmCredential
                | Message::AuthenticationGssContinue(_),
            ) => {
                return Err(wire::Error::fatal(
                    "28000",
                    format!("dbtool proxy: the upstream {place} asks for an authentication method the proxy does not speak (GSSAPI/SSPI)"),
                ));
            }
            // AuthenticationOk, ParameterStatus, NoticeResponse: the client's.
            _ => greeting.extend_from_slice(&raw),
        }
        if !reply.is_empty() {
            stream.io().write_all(&reply).await.map_err(io)?;
        }
    }
}

/// The server's own refusal, prefixed with where it came from and a hint for
/// the usual causes.
fn refused(
    place: &str,
    conn: &ConnInfo,
    body: &postgres_protocol::message::backend::ErrorResponseBody,
) -> wire::Error {
    use fallible_iterator::FallibleIterator;
    let mut code = "08006".to_string();
    let mut message = String::new();
    let mut detail = None;
    let mut fields = body.fields();
    while let Ok(Some(f)) = fields.next() {
        let value = String::from_utf8_lossy(f.value_bytes()).to_string();
        match f.type_() {
            b'C' => code = value,
            b'M' => message = value,
            b'D' => detail = Some(value),
            _ => {}
        }
    }
    let hint = match code.as_str() {
        "28P01" | "28000" => Some(format!(
            "the credential for `{}` was refused: for IAM targets check that IAM authentication is on and the role has rds-db:connect (an expired role session: `dbtool logout`, then restart the proxy); for passwords check the source holds the current one",
            conn.shown_user()
        )),
        "3D000" => Some("the database named by the client does not exist upstream".into()),
        "53300" => Some("the upstream server has no free connection slots".into()),
        _ => None,
    };
    let mut e = wire::Error::fatal(
        &code,
        format!("dbtool proxy: the upstream {place} refused the connection: {message}"),
    );
    e.detail = detail;
    e.hint = hint;
    e
}

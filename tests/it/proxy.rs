//! `dbtool proxy` through the real binary, against the test PostgreSQL with
//! SCRAM password authentication and moto for SSM: psql and tokio-postgres
//! through the proxy, the password re-read per connection (rotation),
//! prepared statements, COPY both ways, LISTEN/NOTIFY, cancel, killed
//! clients, the audit log, local authentication, --read-only, port in use,
//! and a fresh IAM token per connection.

use std::io::{BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dbtool::pg::ConnInfo;
use futures_util::{SinkExt, StreamExt};

use crate::common::{stderr, TestEnv};
use crate::testkit::MotoGuard;

async fn put_parameter(moto: &MotoGuard, name: &str, value: &str) {
    let ssm = aws_sdk_ssm::Client::new(&moto.sdk_config().await);
    ssm.put_parameter()
        .name(name)
        .value(value)
        .r#type(aws_sdk_ssm::types::ParameterType::SecureString)
        .overwrite(true)
        .send()
        .await
        .unwrap();
}

/// A login role with a random password, allowed into `db`.
async fn login_role(db: &ConnInfo) -> (String, String) {
    let name = format!("px_{}_{}", std::process::id(), rand::random::<u32>());
    let password = format!("S3cr3t-{}", rand::random::<u64>());
    db.connect()
        .await
        .unwrap()
        .batch_execute(&format!(
            "CREATE ROLE {name} LOGIN PASSWORD '{password}'; GRANT CONNECT ON DATABASE \"{}\" TO {name}; GRANT ALL ON SCHEMA public TO {name}",
            db.dbname
        ))
        .await
        .unwrap();
    (name, password)
}

/// dbtool.toml: environment `tm` on the test server, role `api` with its
/// user and its password from SSM.
fn project(db: &ConnInfo, user: &str) -> String {
    format!(
        "[environments.tm]\nhost = \"{}\"\nport = {}\ndatabase = \"{}\"\nauth = \"password\"\nsslmode = \"disable\"\n\
         [environments.tm.roles.api]\nuser = \"{user}\"\npassword = {{ ssm = \"/tm/api/password\" }}\n",
        db.host, db.port, db.dbname
    )
}

/// A running `dbtool proxy`; stopped with SIGINT on drop.
struct Proxy {
    child: Option<Child>,
    port: u16,
    info: serde_json::Value,
    err: Arc<Mutex<String>>,
}

impl Proxy {
    fn start(env: &TestEnv, args: &[&str]) -> Proxy {
        let port = dbtool::sandbox::free_port().unwrap();
        let mut cmd = env.std_cmd();
        cmd.args(["--output-format", "json", "proxy"])
            .args(args)
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let err = Arc::new(Mutex::new(String::new()));
        let mut stderr_pipe = child.stderr.take().unwrap();
        let sink = err.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let first = serde_json::Deserializer::from_reader(stdout)
            .into_iter::<serde_json::Value>()
            .next();
        let Some(Ok(info)) = first else {
            let _ = child.wait();
            std::thread::sleep(Duration::from_millis(200));
            panic!("proxy did not start: {}", err.lock().unwrap());
        };
        // The listener is bound before the JSON is printed: connections queue.
        Proxy {
            child: Some(child),
            port,
            info,
            err,
        }
    }

    fn password(&self) -> String {
        self.info["password"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn user(&self) -> String {
        self.info["user"].as_str().unwrap().to_string()
    }

    fn pg_config(&self, dbname: &str) -> tokio_postgres::Config {
        let mut cfg = tokio_postgres::Config::new();
        cfg.host("127.0.0.1")
            .port(self.port)
            .user(self.user())
            .password(self.password())
            .dbname(dbname)
            .connect_timeout(Duration::from_secs(10));
        cfg
    }

    /// SIGINT, then the exit status and everything it wrote on stderr.
    fn stop(&mut self) -> (std::process::ExitStatus, String) {
        let mut child = self.child.take().unwrap();
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGINT,
        );
        let status = child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(100));
        (status, self.err.lock().unwrap().clone())
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

async fn connect(
    cfg: &tokio_postgres::Config,
) -> Result<tokio_postgres::Client, tokio_postgres::Error> {
    let (client, conn) = cfg.connect(tokio_postgres::NoTls).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(client)
}

/// A proxy for role `api` of `tm`, its password in SSM, on a fresh database.
struct Setup {
    _moto: MotoGuard,
    env: TestEnv,
    db: ConnInfo,
    user: String,
}

async fn setup() -> Setup {
    let moto = crate::testkit::moto().unwrap();
    let db = crate::testkit::fresh_database().await.unwrap();
    let (user, password) = login_role(&db).await;
    put_parameter(&moto, "/tm/api/password", &password).await;
    let env = TestEnv::with_moto(&moto);
    env.write("dbtool.toml", &project(&db, &user));
    Setup {
        _moto: moto,
        env,
        db,
        user,
    }
}

#[tokio::test]
async fn twenty_connections_pick_up_rotated_passwords_and_psql_works() {
    let s = setup().await;
    let mut proxy = Proxy::start(&s.env, &["tm", "--role", "api"]);
    assert_eq!(proxy.user(), s.user);
    assert_eq!(
        proxy.info["url"],
        format!(
            "postgresql://{}@127.0.0.1:{}/{}",
            s.user, proxy.port, s.db.dbname
        )
    );
    let admin = s.db.connect().await.unwrap();
    let cfg = proxy.pg_config(&s.db.dbname);
    for i in 0..20 {
        if i > 0 && i % 5 == 0 {
            let new = format!("Rotated-{i}-{}", rand::random::<u32>());
            admin
                .batch_execute(&format!("ALTER ROLE {} PASSWORD '{new}'", s.user))
                .await
                .unwrap();
            put_parameter(&s._moto, "/tm/api/password", &new).await;
        }
        let c = connect(&cfg)
            .await
            .unwrap_or_else(|e| panic!("connection {i}: {e:?}\n{}", proxy.err.lock().unwrap()));
        let row = c.query_one("SELECT current_user::text", &[]).await.unwrap();
        assert_eq!(row.get::<_, String>(0), s.user);
        drop(c);
    }
    // Let the dropped clients' connection tasks say goodbye.
    tokio::time::sleep(Duration::from_millis(300)).await;
    // psql, with the password in its environment.
    let out = std::process::Command::new("psql")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PGPASSWORD", proxy.password())
        .args([
            "-X",
            "-At",
            "-h",
            "127.0.0.1",
            "-p",
            &proxy.port.to_string(),
            "-U",
            &s.user,
            "-d",
            &s.db.dbname,
            "-c",
            "SELECT 40 + 2",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
    let (status, err) = proxy.stop();
    assert!(status.success(), "{err}");
    // (psql's session may still be closing when SIGINT arrives: it ends in the wait.)
    assert!(
        err.contains("proxy stopped: 21 connection(s) served;"),
        "{err}"
    );
    assert!(err.contains(", 0 closed by the proxy"), "{err}");
    // Nothing secret on stderr or in the audit log.
    let log = std::fs::read_to_string(s.env.home.join(".local/state/dbtool/audit.log")).unwrap();
    assert_eq!(
        log.matches("\"event\":\"proxy_session\"").count(),
        21,
        "{log}"
    );
    assert!(!log.contains("Rotated-") && !err.contains("Rotated-"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(s.env.home.join(".local/state/dbtool/audit.log"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[tokio::test]
async fn prepared_statements_copy_notify_and_statement_audit() {
    let s = setup().await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api", "--audit-statements"]);
    let cfg = proxy.pg_config(&s.db.dbname);
    let c = connect(&cfg).await.unwrap();
    c.batch_execute("CREATE TABLE t (id int, name text)")
        .await
        .unwrap();
    // Prepared statement with a bind parameter that must not be audited.
    let st = c.prepare("INSERT INTO t VALUES ($1, $2)").await.unwrap();
    c.execute(&st, &[&1i32, &"bind-secret-value"])
        .await
        .unwrap();
    // COPY in.
    let sink = c.copy_in("COPY t FROM STDIN").await.unwrap();
    futures_util::pin_mut!(sink);
    let mut data = String::new();
    for i in 2..=5000 {
        data.push_str(&format!("{i}\tname {i}\n"));
    }
    sink.send(bytes::Bytes::from(data)).await.unwrap();
    assert_eq!(sink.finish().await.unwrap(), 4999);
    // COPY out (a large result).
    let stream = c.copy_out("COPY t TO STDOUT").await.unwrap();
    futures_util::pin_mut!(stream);
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 5000);
    // LISTEN/NOTIFY across two proxied connections.
    let (listener, mut conn) = cfg.connect(tokio_postgres::NoTls).await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| conn.poll_message(cx));
        while let Some(Ok(m)) = messages.next().await {
            if let tokio_postgres::AsyncMessage::Notification(n) = m {
                let _ = tx.send(n.payload().to_string());
            }
        }
    });
    listener.batch_execute("LISTEN proxied").await.unwrap();
    c.batch_execute("NOTIFY proxied, 'hello through the proxy'")
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got, "hello through the proxy");
    c.simple_query("SELECT 4242 AS audited").await.unwrap();
    drop(c);
    drop(listener);
    drop(proxy);
    let log = std::fs::read_to_string(s.env.home.join(".local/state/dbtool/audit.log")).unwrap();
    assert!(log.contains("\"text\":\"SELECT 4242 AS audited\""), "{log}");
    assert!(
        log.contains("\"kind\":\"parse\",\"text\":\"INSERT INTO t VALUES ($1, $2)\""),
        "{log}"
    );
    assert!(!log.contains("bind-secret-value"), "{log}");
}

#[tokio::test]
async fn cancel_through_the_proxy_ends_the_backend() {
    let s = setup().await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api"]);
    let mut cfg = proxy.pg_config(&s.db.dbname);
    cfg.application_name("proxy-cancel-test");
    let c = connect(&cfg).await.unwrap();
    let token = c.cancel_token();
    let sleeper = tokio::spawn(async move { c.simple_query("SELECT pg_sleep(30)").await });
    let admin = s.db.connect().await.unwrap();
    wait_for_backends(&admin, "proxy-cancel-test", 1).await;
    let started = Instant::now();
    token.cancel_query(tokio_postgres::NoTls).await.unwrap();
    let err = tokio::time::timeout(Duration::from_secs(2), sleeper)
        .await
        .expect("the cancelled query did not end within 2 s")
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(&tokio_postgres::error::SqlState::QUERY_CANCELED)
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

/// Waits until `n` backends with `app` as application_name run pg_sleep.
async fn wait_for_backends(admin: &tokio_postgres::Client, app: &str, n: i64) {
    let start = Instant::now();
    loop {
        let count: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE '%pg_sleep%' AND state = 'active'",
                &[&app],
            )
            .await
            .unwrap()
            .get(0);
        if count == n {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "expected {n} active backend(s) of {app}, found {count}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_killed_client_leaves_no_upstream_backend() {
    let s = setup().await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api"]);
    let mut psql = std::process::Command::new("psql")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PGPASSWORD", proxy.password())
        .env("PGAPPNAME", "proxy-kill-test")
        .args([
            "-X",
            "-h",
            "127.0.0.1",
            "-p",
            &proxy.port.to_string(),
            "-U",
            &s.user,
            "-d",
            &s.db.dbname,
            "-c",
            "SELECT pg_sleep(30)",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let admin = s.db.connect().await.unwrap();
    wait_for_backends(&admin, "proxy-kill-test", 1).await;
    psql.kill().unwrap();
    let _ = psql.wait();
    let start = Instant::now();
    loop {
        let count: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'proxy-kill-test'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        if count == 0 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the upstream backend of a killed client is still there"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn wrong_local_credentials_get_a_postgresql_error() {
    let s = setup().await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api"]);
    let mut cfg = proxy.pg_config(&s.db.dbname);
    cfg.password("not-the-password");
    let err = connect(&cfg).await.unwrap_err();
    assert_eq!(
        err.code(),
        Some(&tokio_postgres::error::SqlState::INVALID_PASSWORD),
        "{err:?}"
    );
    // psql shows the server's message.
    let out = std::process::Command::new("psql")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PGPASSWORD", "wrong")
        .args([
            "-X",
            "-h",
            "127.0.0.1",
            "-p",
            &proxy.port.to_string(),
            "-U",
            &s.user,
            "-d",
            &s.db.dbname,
            "-c",
            "SELECT 1",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "password authentication failed for user \"{}\"",
            s.user
        )),
        "{}",
        stderr(&out)
    );
    // Another user name is refused before any password.
    let mut cfg = proxy.pg_config(&s.db.dbname);
    cfg.user("postgres");
    let err = connect(&cfg).await.unwrap_err();
    assert_eq!(
        err.code(),
        Some(&tokio_postgres::error::SqlState::INVALID_AUTHORIZATION_SPECIFICATION),
        "{err:?}"
    );
    // The right password still works.
    connect(&proxy.pg_config(&s.db.dbname)).await.unwrap();
}

#[tokio::test]
async fn read_only_refuses_an_insert() {
    let s = setup().await;
    s.db.connect()
        .await
        .unwrap()
        .batch_execute(&format!(
            "CREATE TABLE ro (id int); GRANT ALL ON ro TO {}",
            s.user
        ))
        .await
        .unwrap();
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api", "--read-only"]);
    let c = connect(&proxy.pg_config(&s.db.dbname)).await.unwrap();
    let err = c
        .batch_execute("INSERT INTO ro VALUES (1)")
        .await
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(&tokio_postgres::error::SqlState::READ_ONLY_SQL_TRANSACTION),
        "{err:?}"
    );
    assert_eq!(proxy.info["read_only"], true);
}

#[tokio::test]
async fn a_port_in_use_names_the_flag() {
    let s = setup().await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = s
        .env
        .cmd()
        .args(["proxy", "tm", "--role", "api", "--port", &port])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{err}"
    );
    assert!(err.contains("--port"), "{err}");
}

#[tokio::test]
async fn trust_local_and_passfile() {
    let s = setup().await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api", "--trust-local"]);
    let mut cfg = proxy.pg_config(&s.db.dbname);
    cfg.password("anything");
    let c = connect(&cfg).await.unwrap();
    c.simple_query("SELECT 1").await.unwrap();
    drop(proxy);
    let runtime = s.env.path().join("run");
    std::fs::create_dir_all(&runtime).unwrap();
    let env = TestEnv::with_moto(&s._moto).env("XDG_RUNTIME_DIR", runtime.to_string_lossy());
    env.write("dbtool.toml", &project(&s.db, &s.user));
    let mut proxy = Proxy::start(&env, &["tm", "--role", "api", "--passfile"]);
    assert!(proxy.info["password"].is_null());
    let path = std::path::PathBuf::from(proxy.info["passfile"].as_str().unwrap());
    assert!(path.starts_with(&runtime));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let out = std::process::Command::new("psql")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PGPASSFILE", &path)
        .args([
            "-X",
            "-At",
            "-h",
            "127.0.0.1",
            "-p",
            &proxy.port.to_string(),
            "-U",
            &s.user,
            "-d",
            &s.db.dbname,
            "-c",
            "SELECT 7",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (status, _) = proxy.stop();
    assert!(status.success());
    assert!(!path.exists(), "the password file outlived the proxy");
}

/// A self-signed certificate for 127.0.0.1 (openssl), as a rustls acceptor.
fn tls_acceptor(dir: &std::path::Path) -> tokio_rustls::TlsAcceptor {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let out = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let certs: Vec<_> = rustls_pemfile::certs(&mut std::fs::read(&cert).unwrap().as_slice())
        .collect::<Result<_, _>>()
        .unwrap();
    let key = rustls_pemfile::private_key(&mut std::fs::read(&key).unwrap().as_slice())
        .unwrap()
        .unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// A stand-in upstream with TLS that asks for a cleartext password, records
/// it and refuses: enough to see the IAM token each connection carries (the
/// test PostgreSQL cannot check RDS tokens).
async fn token_catcher(
    dir: &std::path::Path,
) -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let acceptor = tls_acceptor(dir);
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            let tx = tx.clone();
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // SSLRequest → 'S', then TLS.
                let mut req = [0u8; 8];
                s.read_exact(&mut req).await.unwrap();
                assert_eq!(&req[4..], &80877103i32.to_be_bytes());
                s.write_all(b"S").await.unwrap();
                let mut s = acceptor.accept(s).await.unwrap();
                let len = s.read_i32().await.unwrap();
                let mut body = vec![0; len as usize - 4];
                s.read_exact(&mut body).await.unwrap();
                s.write_all(&[b'R', 0, 0, 0, 8, 0, 0, 0, 3]).await.unwrap();
                let _tag = s.read_u8().await.unwrap();
                let len = s.read_i32().await.unwrap();
                let mut body = vec![0; len as usize - 4];
                s.read_exact(&mut body).await.unwrap();
                let token = String::from_utf8_lossy(body.strip_suffix(&[0]).unwrap()).to_string();
                let _ = tx.send(token);
                let mut err = vec![b'E'];
                let fields = b"SFATAL\0C28P01\0Mtoken recorded\0\0";
                err.extend_from_slice(&(fields.len() as i32 + 4).to_be_bytes());
                err.extend_from_slice(fields);
                let _ = s.write_all(&err).await;
                let _ = s.shutdown().await;
            });
        }
    });
    (port, rx)
}

/// Connects through the proxy to a [`token_catcher`] upstream: the
/// upstream's refusal reaches the client, naming where it came from; returns
/// the token the upstream received.
async fn token_sent_upstream(
    cfg: &tokio_postgres::Config,
    tokens: &mut tokio::sync::mpsc::UnboundedReceiver<String>,
) -> String {
    let err = connect(cfg).await.unwrap_err();
    let db = err.as_db_error().unwrap_or_else(|| panic!("{err:?}"));
    assert!(
        db.message()
            .contains("refused the connection: token recorded"),
        "{}",
        db.message()
    );
    tokio::time::timeout(Duration::from_secs(5), tokens.recv())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn every_iam_connection_carries_a_token_minted_for_it() {
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let (port, mut tokens) = token_catcher(env.path()).await;
    env.write(
        "dbtool.toml",
        &format!(
            "region = \"eu-west-2\"\n[environments.iam]\nhost = \"127.0.0.1\"\nport = {port}\ndatabase = \"app\"\nauth = \"iam\"\nsslmode = \"require\"\n"
        ),
    );
    let proxy = Proxy::start(&env, &["iam", "--role", "readonly"]);
    let cfg = proxy.pg_config("app");
    let mut seen = Vec::new();
    for _ in 0..2 {
        seen.push(token_sent_upstream(&cfg, &mut tokens).await);
        // X-Amz-Date has second resolution.
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
    let date = |t: &str| {
        t.split('&')
            .find_map(|p| p.strip_prefix("X-Amz-Date="))
            .unwrap()
            .to_string()
    };
    for t in &seen {
        assert!(
            t.starts_with(&format!("127.0.0.1:{port}/?Action=connect&DBUser=readonly")),
            "{t}"
        );
    }
    assert_ne!(date(&seen[0]), date(&seen[1]), "{seen:?}");
    assert_ne!(seen[0], seen[1]);
}

/// With the signing clock injected (`DBTOOL_TEST_CLOCK_FILE`, debug builds
/// only), two connections a minute apart carry tokens dated a minute apart,
/// each byte-for-byte what botocore's generate_db_auth_token makes for the
/// same credentials and time (so each signature is valid for RDS).
#[tokio::test]
async fn iam_tokens_a_minute_apart_are_each_valid_by_botocore() {
    let moto = crate::testkit::moto().unwrap();
    let clock = tempfile::NamedTempFile::new().unwrap();
    let env =
        TestEnv::with_moto(&moto).env("DBTOOL_TEST_CLOCK_FILE", clock.path().to_str().unwrap());
    let (port, mut tokens) = token_catcher(env.path()).await;
    env.write(
        "dbtool.toml",
        &format!(
            "region = \"eu-west-2\"\n[environments.iam]\nhost = \"127.0.0.1\"\nport = {port}\ndatabase = \"app\"\nauth = \"iam\"\nsslmode = \"require\"\n"
        ),
    );
    // 2024-08-26 22:00:00 UTC, then one minute later.
    let times = [1_724_709_600u64, 1_724_709_660];
    std::fs::write(clock.path(), times[0].to_string()).unwrap();
    let proxy = Proxy::start(&env, &["iam", "--role", "readonly"]);
    let cfg = proxy.pg_config("app");
    let mut seen = Vec::new();
    for at in times {
        std::fs::write(clock.path(), at.to_string()).unwrap();
        let err = connect(&cfg).await.unwrap_err();
        assert!(err.as_db_error().is_some(), "{err:?}");
        let token = tokio::time::timeout(Duration::from_secs(5), tokens.recv())
            .await
            .unwrap()
            .unwrap();
        seen.push(token);
    }
    let date = |t: &str| {
        t.split('&')
            .find_map(|p| p.strip_prefix("X-Amz-Date="))
            .unwrap()
            .to_string()
    };
    assert_eq!(date(&seen[0]), "20240826T220000Z", "{}", seen[0]);
    assert_eq!(date(&seen[1]), "20240826T220100Z", "{}", seen[1]);
    // botocore signs the same requests with the same keys (moto's) at the same times.
    let python = crate::testkit::target_dir().join("moto-venv/bin/python");
    let script = format!(
        "import sys, datetime, botocore.session, botocore.auth\n\
         s = botocore.session.get_session()\n\
         c = s.create_client('rds', region_name='eu-west-2', aws_access_key_id='testing', aws_secret_access_key='testing')\n\
         for at in sys.argv[1:]:\n\
         \x20   when = datetime.datetime.fromtimestamp(int(at), datetime.timezone.utc).replace(tzinfo=None)\n\
         \x20   botocore.auth.get_current_datetime = lambda *a, **k: when\n\
         \x20   print(c.generate_db_auth_token('127.0.0.1', {port}, 'readonly', 'eu-west-2'))\n"
    );
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .args(times.map(|t| t.to_string()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(seen, expected);
    drop(proxy);
}

#[tokio::test]
async fn upstream_failures_reach_the_client_as_postgresql_errors() {
    let s = setup().await;
    // The password in SSM is stale: the server's refusal, named.
    put_parameter(&s._moto, "/tm/api/password", "stale-password").await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api"]);
    let err = connect(&proxy.pg_config(&s.db.dbname)).await.unwrap_err();
    let db = err.as_db_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(
        db.code(),
        &tokio_postgres::error::SqlState::INVALID_PASSWORD
    );
    assert!(
        db.message().contains(&format!(
            "dbtool proxy: the upstream {}:{} refused the connection: password authentication failed",
            s.db.host, s.db.port
        )),
        "{}",
        db.message()
    );
    assert!(db
        .hint()
        .unwrap_or_default()
        .contains("the source holds the current one"));
    drop(proxy);
    // Nothing listens upstream.
    let dead = dbtool::sandbox::free_port().unwrap();
    let env = TestEnv::with_moto(&s._moto).env("API_PW", "x");
    env.write(
        "dbtool.toml",
        &format!(
            "[environments.tm]\nhost = \"127.0.0.1\"\nport = {dead}\ndatabase = \"d\"\nauth = \"password\"\nsslmode = \"disable\"\n\
             [environments.tm.roles.api]\nuser = \"u\"\npassword_env = \"API_PW\"\n"
        ),
    );
    let proxy = Proxy::start(&env, &["tm", "--role", "api"]);
    let err = connect(&proxy.pg_config("d")).await.unwrap_err();
    let db = err.as_db_error().unwrap_or_else(|| panic!("{err:?}"));
    assert!(
        db.message()
            .contains(&format!("cannot reach the upstream 127.0.0.1:{dead}")),
        "{}",
        db.message()
    );
    assert!(db.hint().unwrap_or_default().contains("security group"));
    // Garbage instead of a startup packet: the proxy keeps serving.
    use std::io::Write;
    let mut raw = std::net::TcpStream::connect(("127.0.0.1", proxy.port)).unwrap();
    raw.write_all(&[0, 0, 0, 9, 1, 2, 3, 4, 5]).unwrap();
    let mut answer = Vec::new();
    let _ = raw.read_to_end(&mut answer);
    assert_eq!(answer.first(), Some(&b'E'), "{answer:?}");
    let err = connect(&proxy.pg_config("d")).await.unwrap_err();
    assert!(err.as_db_error().is_some(), "{err:?}");
}

#[tokio::test]
async fn max_connections_bounds_open_clients() {
    let s = setup().await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api", "--max-connections", "1"]);
    let cfg = proxy.pg_config(&s.db.dbname);
    let first = connect(&cfg).await.unwrap();
    let err = connect(&cfg).await.unwrap_err();
    assert_eq!(
        err.code(),
        Some(&tokio_postgres::error::SqlState::TOO_MANY_CONNECTIONS),
        "{err:?}"
    );
    drop(first);
    // The slot is free again once the first client has gone.
    let start = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        match connect(&cfg).await {
            Ok(_) => break,
            Err(e) => assert!(start.elapsed() < Duration::from_secs(5), "{e:?}"),
        }
    }
}

#[tokio::test]
async fn a_production_write_proxy_confirms_like_connect() {
    let s = setup().await;
    let text = project(&s.db, &s.user).replace(
        "[environments.tm]\n",
        "[environments.tm]\nproduction = true\n",
    ) + &format!("[environments.tm.roles.write]\nuser = \"{}\"\npassword = {{ ssm = \"/tm/api/password\" }}\n", s.user);
    s.env.write("dbtool.toml", &text);
    let out = s
        .env
        .cmd()
        .args(["proxy", "tm", "--role", "write"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    // With --yes it serves.
    let proxy = Proxy::start(&s.env, &["tm", "--role", "write", "--yes"]);
    connect(&proxy.pg_config(&s.db.dbname)).await.unwrap();
}

#[tokio::test]
async fn ctrl_c_waits_then_cancels_and_closes_open_sessions() {
    let s = setup().await;
    let mut proxy = Proxy::start(&s.env, &["tm", "--role", "api"]);
    let mut cfg = proxy.pg_config(&s.db.dbname);
    cfg.application_name("proxy-shutdown-test");
    let c = connect(&cfg).await.unwrap();
    let sleeper = tokio::spawn(async move { c.simple_query("SELECT pg_sleep(60)").await });
    let admin = s.db.connect().await.unwrap();
    wait_for_backends(&admin, "proxy-shutdown-test", 1).await;
    let started = Instant::now();
    let (status, err) = tokio::task::spawn_blocking(move || proxy.stop())
        .await
        .unwrap();
    assert!(status.success(), "{err}");
    assert!(
        started.elapsed() >= Duration::from_secs(9),
        "did not wait for the session"
    );
    assert!(started.elapsed() < Duration::from_secs(15));
    assert!(
        err.contains("waiting up to 10 s for 1 open session(s)"),
        "{err}"
    );
    assert!(
        err.contains("0 session(s) ended during the 10 s wait, 1 closed by the proxy"),
        "{err}"
    );
    assert!(sleeper.await.unwrap().is_err());
    let count: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'proxy-shutdown-test'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 0, "a backend outlived the proxy");
}

#[tokio::test]
async fn idle_clients_are_closed_after_the_idle_timeout() {
    let s = setup().await;
    let proxy = Proxy::start(&s.env, &["tm", "--role", "api", "--idle-timeout", "1s"]);
    let mut cfg = proxy.pg_config(&s.db.dbname);
    cfg.application_name("proxy-idle-test");
    let c = connect(&cfg).await.unwrap();
    c.simple_query("SELECT 1").await.unwrap();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(c.is_closed() || c.simple_query("SELECT 1").await.is_err());
    let admin = s.db.connect().await.unwrap();
    let count: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'proxy-idle-test'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 0, "the idle session's backend is still there");
    // A busy session is not idle.
    let c = connect(&cfg).await.unwrap();
    c.simple_query("SELECT pg_sleep(0.3)").await.unwrap();
    for _ in 0..8 {
        c.simple_query("SELECT 1").await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// An MFA role: the proxy starts on the cached role session (no code, no
/// terminal); when that session is gone, a new client is told, as a
/// PostgreSQL error, that an MFA code is needed and how to give one, and
/// the proxy keeps serving: once the session is cached again, the next
/// client's connection goes upstream with a token, with no restart.
#[tokio::test]
async fn mfa_needed_again_reaches_the_client_without_a_terminal() {
    let moto = crate::testkit::moto().unwrap();
    let env = TestEnv::with_moto(&moto);
    let (port, mut tokens) = token_catcher(env.path()).await;
    env.write(
        "dbtool.toml",
        &format!(
            "region = \"eu-west-2\"\n[environments.prod]\nhost = \"127.0.0.1\"\nport = {port}\ndatabase = \"app\"\nauth = \"iam\"\nsslmode = \"require\"\n\
             [environments.prod.roles.readonly]\nuser = \"readonly\"\nrole_arn = \"arn:aws:iam::123456789012:role/db-readonly\"\nmfa_serial = \"arn:aws:iam::123456789012:mfa/alice\"\nduration = \"1h\"\n"
        ),
    );
    let cache_session = || {
        let out = env
            .cmd()
            .args(["env", "prod", "--role", "readonly", "--mfa-code", "123456"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    };
    cache_session();
    let proxy = Proxy::start(&env, &["prod", "--role", "readonly"]);
    let cfg = proxy.pg_config("app");
    let token = token_sent_upstream(&cfg, &mut tokens).await;
    assert!(token.contains("DBUser=readonly"), "{token}");

    let out = env.cmd().arg("logout").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = connect(&cfg).await.unwrap_err();
    let db = err.as_db_error().unwrap_or_else(|| panic!("{err:?}"));
    let told = format!("{} {}", db.message(), db.hint().unwrap_or_default());
    assert!(
        told.contains("an MFA code is needed for arn:aws:iam::123456789012:mfa/alice"),
        "{told}"
    );
    assert!(told.contains("--mfa-code"), "{told}");
    assert!(
        tokens.try_recv().is_err(),
        "nothing may go upstream without credentials"
    );

    cache_session();
    token_sent_upstream(&cfg, &mut tokens).await;
    let mut proxy = proxy;
    let (_, log) = proxy.stop();
    assert!(!log.contains("123456"), "{log}");
}

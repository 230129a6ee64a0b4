//! When dbtool asks before acting: one rule for every command, decided from
//! the planned target and what the command is about to do. Pure; the asking
//! itself is `crate::prompt` (refused without a terminal unless `--yes`).

use serde::Serialize;

use super::{Planned, Role};
use crate::printer::Printer;

/// What a command is about to do with the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Intent {
    /// Reads only (dump, migrate info/validate, roles plan/check, checks).
    Read,
    /// Opens a session in which the user may do anything the role allows (connect, env).
    Session,
    /// Changes the database (migrate, baseline, repair, undo, roles apply).
    Change,
    /// Drops or replaces data (migrate clean, dump load, roles apply dropping roles).
    Destroy,
}

/// A confirmation the command must obtain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmation {
    /// Why, as shown in the prompt: "production environment", "admin access…".
    pub reason: String,
    /// The database name must be typed (on a terminal), not just "y".
    pub typed: bool,
    /// Print the admin warning banner first.
    pub admin: bool,
}

/// The rule. Admin sessions always ask; a role's `confirm` setting asks (or,
/// set to false, stops asking for write sessions); writes to a production
/// environment or one with `confirm = true` ask; destroying data anywhere but
/// the local sandbox asks for the database name.
pub fn confirmation(p: &Planned, intent: Intent) -> Option<Confirmation> {
    let ask = |reason: String, typed: bool| {
        Some(Confirmation {
            reason,
            typed,
            admin: p.role == Role::Admin && intent == Intent::Session,
        })
    };
    let env_asks = p.env_confirm.unwrap_or(p.production);
    match intent {
        Intent::Read => None,
        Intent::Session => {
            if p.role == Role::Admin && !p.local {
                return ask("admin access is for emergencies only".into(), false);
            }
            match p.role_confirm {
                Some(true) => ask(format!("role `{}` is configured to ask", p.role), false),
                Some(false) => None,
                // Any role but readonly may change things: production and
                // `confirm = true` environments ask.
                None if p.role != Role::Readonly && p.production => {
                    ask(format!("{} access to a production database", p.role), false)
                }
                None if p.role != Role::Readonly && p.env_confirm == Some(true) => {
                    ask(reason_of(p), false)
                }
                None => None,
            }
        }
        Intent::Change => {
            if p.role_confirm == Some(true) {
                ask(format!("role `{}` is configured to ask", p.role), false)
            } else if env_asks {
                ask(reason_of(p), false)
            } else {
                None
            }
        }
        Intent::Destroy => {
            if p.local {
                if p.role_confirm == Some(true) || env_asks {
                    ask(reason_of(p), true)
                } else {
                    None
                }
            } else {
                ask(
                    if p.production {
                        "production environment".into()
                    } else {
                        "this is not the local sandbox".into()
                    },
                    true,
                )
            }
        }
    }
}

fn reason_of(p: &Planned) -> String {
    match (&p.environment, p.production) {
        (Some(e), true) => format!("`{e}` is a production environment"),
        (Some(e), false) => format!("environment `{e}` is configured to ask"),
        (None, true) => "the server of a production environment".into(),
        (None, false) => "this target is configured to ask".into(),
    }
}

impl Confirmation {
    /// Asks "<reason>: <what> <place>?"; a typed confirmation wants `dbname`.
    pub fn ask(
        &self,
        printer: &Printer,
        what: &str,
        place: &str,
        dbname: &str,
        yes: bool,
    ) -> anyhow::Result<()> {
        let question = format!("{}: {what} {place}?", self.reason);
        if self.typed {
            crate::prompt::confirm_typed(printer, &question, dbname, yes)
        } else {
            crate::prompt::confirm(printer, &question, yes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{Environ, Request, SandboxState};

    fn planned(toml: &str, target: &str, role: Role) -> Planned {
        let c = crate::config::parse(toml, "t.toml").unwrap();
        let mut r = Request::new(Intent::Read, role.clone()).with_target(target);
        r.role = Some(role);
        let sb = SandboxState {
            running: Some(
                crate::pg::ConnInfo::from_url("postgresql://dbtool@127.0.0.1:5999/postgres")
                    .unwrap(),
            ),
            ..Default::default()
        };
        crate::access::plan(Some(&c), &Environ::from_pairs([("USER", "me")]), &sb, &r).unwrap()
    }

    const TOML: &str = "[environments.prod]\nhost = \"db.example\"\nproduction = true\n\
        [environments.stage]\nhost = \"stage.example\"\n\
        [environments.careful]\nhost = \"c.example\"\nconfirm = true\n\
        [environments.careful.roles.readonly]\nconfirm = true\n\
        [environments.local]\nsandbox = true\n";

    #[test]
    fn one_rule_for_every_command() {
        use Intent::*;
        let prod_w = planned(TOML, "prod", Role::Write);
        assert!(confirmation(&prod_w, Read).is_none());
        assert!(confirmation(&prod_w, Session).is_some());
        assert!(confirmation(&prod_w, Change).is_some());
        assert!(confirmation(&prod_w, Destroy).unwrap().typed);
        let prod_r = planned(TOML, "prod", Role::Readonly);
        assert!(confirmation(&prod_r, Session).is_none());
        let stage_w = planned(TOML, "stage", Role::Write);
        assert!(confirmation(&stage_w, Session).is_none());
        assert!(confirmation(&stage_w, Change).is_none());
        let d = confirmation(&stage_w, Destroy).unwrap();
        assert!(d.typed);
        assert_eq!(d.reason, "this is not the local sandbox");
        let admin = planned(TOML, "stage", Role::Admin);
        let a = confirmation(&admin, Session).unwrap();
        assert!(a.admin);
        let careful = planned(TOML, "careful", Role::Readonly);
        assert!(
            confirmation(&careful, Session).is_some(),
            "role confirm = true"
        );
        assert!(confirmation(&careful, Change).is_some());
        let local = planned(TOML, "local", Role::Admin);
        assert!(confirmation(&local, Destroy).is_none());
        assert!(
            confirmation(&local, Session).is_none(),
            "the sandbox is local"
        );
        let sandbox = planned(TOML, "sandbox", Role::Write);
        assert!(confirmation(&sandbox, Destroy).is_none());
    }
}


using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'dbtool' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'dbtool'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'dbtool' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local PostgreSQL that dbtool manages (the default target)')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Open psql, pgcli or any client as readonly, write or admin (IAM token, assumed role)')
            [CompletionResult]::new('db-connect', 'db-connect', [CompletionResultType]::ParameterValue, 'Open psql, pgcli or any client as readonly, write or admin (IAM token, assumed role)')
            [CompletionResult]::new('proxy', 'proxy', [CompletionResultType]::ParameterValue, 'Serve a local PostgreSQL endpoint that signs in upstream with a fresh credential per connection')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print PG* variables (with an IAM token) for `eval "$(dbtool env TARGET)"`')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity dbtool uses and the cached role sessions')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete cached AWS role sessions')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply Flyway-compatible migrations (and info, validate, baseline, repair, clean, undo, new)')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Dump a database with pg_dump (filtered, with progress) and load dumps locally')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'Manage database users, roles and grants as desired state')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore an RDS instance or Aurora cluster to a point in time, as a faithful copy of the source')
            [CompletionResult]::new('cname', 'cname', [CompletionResultType]::ParameterValue, 'Show or switch the database CNAME (Route53) to a restored instance')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Take, list, delete and prune RDS and Aurora snapshots')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Read an RDS instance''s PostgreSQL log: every stream in time order, filtered, slow statements summed')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Plan and apply engine version upgrades of an RDS instance or Aurora cluster, measuring the downtime')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check that everything dbtool needs is installed and configured')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;sandbox' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Create the sandbox if needed, start it, and print its URL')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the sandbox server (its data is kept)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the sandbox exists and runs, and where')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print PG* variables for the sandbox, for `eval "$(dbtool sandbox env)"`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the sandbox and delete all its data')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;sandbox;up' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Listen on this port (default: the last one used, else a free one)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;sandbox;down' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;sandbox;status' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;sandbox;env' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Shell syntax of the output')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;sandbox;reset' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;sandbox;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Create the sandbox if needed, start it, and print its URL')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the sandbox server (its data is kept)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the sandbox exists and runs, and where')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print PG* variables for the sandbox, for `eval "$(dbtool sandbox env)"`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the sandbox and delete all its data')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;sandbox;help;up' {
            break
        }
        'dbtool;sandbox;help;down' {
            break
        }
        'dbtool;sandbox;help;status' {
            break
        }
        'dbtool;sandbox;help;env' {
            break
        }
        'dbtool;sandbox;help;reset' {
            break
        }
        'dbtool;sandbox;help;help' {
            break
        }
        'dbtool;connect' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Keep a fresh IAM token in a PGPASSFILE while the client runs (for reconnects after 15 minutes)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;db-connect' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Keep a fresh IAM token in a PGPASSFILE while the client runs (for reconnects after 15 minutes)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;proxy' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Local port (default: the role''s `proxy_port`, else 20000 + CRC-32 of "ENV/ROLE" mod 10000)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Listen on ADDR instead of 127.0.0.1 (other machines may then reach the proxy)')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close client connections idle (no bytes either way) for this long, e.g. 30m (default: never)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Refuse new clients while N connections are open')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('--trust-local', '--trust-local', [CompletionResultType]::ParameterName, 'Let loopback clients in without a password (anyone on this machine can then connect)')
            [CompletionResult]::new('--passfile', '--passfile', [CompletionResultType]::ParameterName, 'Write this run''s password as a 0600 .pgpass line (in $XDG_RUNTIME_DIR, else the cache directory)')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Start every upstream session with default_transaction_read_only=on')
            [CompletionResult]::new('--audit-statements', '--audit-statements', [CompletionResultType]::ParameterName, 'Also write each statement''s text (Query and Parse messages, never parameters) to the audit log')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;env' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Syntax of the output')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;whoami' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;logout' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Apply pending migrations (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show every migration with its state')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the applied migrations against the files')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Start the history of an existing database at the baseline version')
            [CompletionResult]::new('repair', 'repair', [CompletionResultType]::ParameterValue, 'Remove failed rows, realign checksums, mark missing migrations deleted')
            [CompletionResult]::new('clean', 'clean', [CompletionResultType]::ParameterValue, 'Drop every object in the managed schemas')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Revert the latest applied migrations with their U files')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create the next versioned migration file')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check migrations for operations that lock or rewrite busy tables')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Rehearse on a throwaway PostgreSQL: apply all, validate, undo and re-apply, repeatables twice (never your sandbox)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare the live schema with what its applied migrations build (read-only on the target)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;migrate;up' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;info' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;validate' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--allow-pending', '--allow-pending', [CompletionResultType]::ParameterName, 'Accept migrations not applied yet (Flyway counts them as errors)')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;baseline' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;repair' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;clean' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--allow-clean', '--allow-clean', [CompletionResultType]::ParameterName, 'Allow clean even though clean_disabled is true (never on production)')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;undo' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of migrations to undo, newest first')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Undo every applied migration above VERSION')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;new' {
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--repeatable', '--repeatable', [CompletionResultType]::ParameterName, 'Create a repeatable migration (R__…) instead of a versioned one')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;lint' {
            [CompletionResult]::new('--pg-version', '--pg-version', [CompletionResultType]::ParameterName, 'Target PostgreSQL version, e.g. 16 or 14.2 (default: [lint] pg_version, else 17)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Findings format (default: text, or json with --output-format json)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip these rules (comma-separated or repeated)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Run only these rules (comma-separated or repeated)')
            [CompletionResult]::new('--changed-since', '--changed-since', [CompletionResultType]::ParameterName, 'Lint only files changed since this git ref (plus uncommitted and untracked ones)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'With --trace: prepare the throwaway PostgreSQL with what TARGET''s history says is applied, then trace only TARGET''s pending migrations (TARGET read only; without a value: the default target, as `migrate drift` picks it)')
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'With --trace: trace TARGET''s pending migrations on TARGET itself (a sandbox or a non-production environment, e.g. a restored copy), in one transaction that is rolled back; sizes and durations are real')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Exit with status 1 when there are warnings, not only errors')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Show the lock model: each statement''s locks, rewrites and scans')
            [CompletionResult]::new('--list-rules', '--list-rules', [CompletionResultType]::ParameterName, 'List the rules with their default severity and exit')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Run the migrations on a throwaway PostgreSQL, statement by statement, and measure each one''s locks, rewrites and time beside the lock model')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;test' {
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write a JUnit XML report to FILE (for CI systems)')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the throwaway cluster running and print its URL')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;drift' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Leave out objects, as KIND:NAME with `*` (e.g. table:public.tmp_*, schema:pglogical, extension:rds_*); repeatable')
            [CompletionResult]::new('--preflight', '--preflight', [CompletionResultType]::ParameterName, 'Check for sessions that would block each migration: wait, refuse or off')
            [CompletionResult]::new('--preflight-timeout', '--preflight-timeout', [CompletionResultType]::ParameterName, 'How long --preflight wait waits for blocking sessions')
            [CompletionResult]::new('--flyway-config', '--flyway-config', [CompletionResultType]::ParameterName, 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)')
            [CompletionResult]::new('--locations', '--locations', [CompletionResultType]::ParameterName, 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]')
            [CompletionResult]::new('--schemas', '--schemas', [CompletionResultType]::ParameterName, 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]')
            [CompletionResult]::new('--default-schema', '--default-schema', [CompletionResultType]::ParameterName, 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]')
            [CompletionResult]::new('--placeholder', '--placeholder', [CompletionResultType]::ParameterName, 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]')
            [CompletionResult]::new('--baseline-on-migrate', '--baseline-on-migrate', [CompletionResultType]::ParameterName, 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]')
            [CompletionResult]::new('--baseline-version', '--baseline-version', [CompletionResultType]::ParameterName, 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]')
            [CompletionResult]::new('--baseline-description', '--baseline-description', [CompletionResultType]::ParameterName, 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]')
            [CompletionResult]::new('--out-of-order', '--out-of-order', [CompletionResultType]::ParameterName, 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]')
            [CompletionResult]::new('--validate-on-migrate', '--validate-on-migrate', [CompletionResultType]::ParameterName, 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]')
            [CompletionResult]::new('--mixed', '--mixed', [CompletionResultType]::ParameterName, 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]')
            [CompletionResult]::new('--installed-by', '--installed-by', [CompletionResultType]::ParameterName, 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--keep-snapshots', '--keep-snapshots', [CompletionResultType]::ParameterName, 'After a --snapshot run, keep this many of dbtool''s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--grants', '--grants', [CompletionResultType]::ParameterName, 'Compare ownership and privileges too (tables, views, sequences, schemas, functions)')
            [CompletionResult]::new('--deny-unsafe', '--deny-unsafe', [CompletionResultType]::ParameterName, 'Stop before applying anything when pending migrations have lint errors')
            [CompletionResult]::new('--allow-unsafe', '--allow-unsafe', [CompletionResultType]::ParameterName, 'Apply even when the environment says lint = "refuse"')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Snapshot the environment''s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;migrate;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Apply pending migrations (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show every migration with its state')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the applied migrations against the files')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Start the history of an existing database at the baseline version')
            [CompletionResult]::new('repair', 'repair', [CompletionResultType]::ParameterValue, 'Remove failed rows, realign checksums, mark missing migrations deleted')
            [CompletionResult]::new('clean', 'clean', [CompletionResultType]::ParameterValue, 'Drop every object in the managed schemas')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Revert the latest applied migrations with their U files')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create the next versioned migration file')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check migrations for operations that lock or rewrite busy tables')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Rehearse on a throwaway PostgreSQL: apply all, validate, undo and re-apply, repeatables twice (never your sandbox)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare the live schema with what its applied migrations build (read-only on the target)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;migrate;help;up' {
            break
        }
        'dbtool;migrate;help;info' {
            break
        }
        'dbtool;migrate;help;validate' {
            break
        }
        'dbtool;migrate;help;baseline' {
            break
        }
        'dbtool;migrate;help;repair' {
            break
        }
        'dbtool;migrate;help;clean' {
            break
        }
        'dbtool;migrate;help;undo' {
            break
        }
        'dbtool;migrate;help;new' {
            break
        }
        'dbtool;migrate;help;lint' {
            break
        }
        'dbtool;migrate;help;test' {
            break
        }
        'dbtool;migrate;help;drift' {
            break
        }
        'dbtool;migrate;help;help' {
            break
        }
        'dbtool;dump' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Start from the exclusions of [dump.presets.NAME] in dbtool.toml')
            [CompletionResult]::new('--exclude-schema', '--exclude-schema', [CompletionResultType]::ParameterName, 'Leave out schemas matching PATTERN entirely')
            [CompletionResult]::new('--exclude-table', '--exclude-table', [CompletionResultType]::ParameterName, 'Leave out tables matching PATTERN and their definitions (views and foreign keys on them break)')
            [CompletionResult]::new('--exclude-table-data', '--exclude-table-data', [CompletionResultType]::ParameterName, 'Keep the definition of tables matching PATTERN but skip their rows')
            [CompletionResult]::new('--include-table', '--include-table', [CompletionResultType]::ParameterName, 'Dump only tables matching PATTERN (and their partitions)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Write the dump to FILE (default: DATABASE-DATE.dump in the current directory)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Write the dump to FILE (default: DATABASE-DATE.dump in the current directory)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Archive format')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Dump N tables at once (directory format; one consistent snapshot)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Dump N tables at once (directory format; one consistent snapshot)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan (what is dumped and skipped, sizes, warnings) and stop')
            [CompletionResult]::new('--no-fk-check', '--no-fk-check', [CompletionResultType]::ParameterName, 'Dump even when foreign keys of dumped rows reference rows left out')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load a dump into the sandbox (or --url/--into) with pg_restore')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Summarise a dump''s contents: schemas, tables with data or without')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;dump;load' {
            [CompletionResult]::new('--into', '--into', [CompletionResultType]::ParameterName, 'Load into database DBNAME on the target server')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server to load into (postgresql://user@host:port/db) instead of the sandbox [env: DBTOOL_DATABASE_URL, DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Name of the variable in the `export` line printed at the end (e.g. SQLALCHEMY_DATABASE_URI)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Restore N items at once')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Restore N items at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database first (named by --into, else the one in --url, else after FILE)')
            [CompletionResult]::new('--clean', '--clean', [CompletionResultType]::ParameterName, 'Drop the objects of the dump before recreating them')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on any restore error, also objects the local server lacks (extensions…)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm loading into anything but the sandbox (on a terminal the database name is typed too)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm loading into anything but the sandbox (on a terminal the database name is typed too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;dump;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;dump;help' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load a dump into the sandbox (or --url/--into) with pg_restore')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Summarise a dump''s contents: schemas, tables with data or without')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;dump;help;load' {
            break
        }
        'dbtool;dump;help;list' {
            break
        }
        'dbtool;dump;help;help' {
            break
        }
        'dbtool;roles' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the SQL that brings users, roles and grants to the declared state')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Plan, confirm, then apply the changes in one transaction')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 1 and list the differences when the database drifted from dbtool.toml')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a role a new generated password, kept in its Secrets Manager secret or SSM parameter')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;roles;plan' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also drop roles that have access here but are not declared')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;roles;apply' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also drop roles that have access here but are not declared')
            [CompletionResult]::new('--set-passwords', '--set-passwords', [CompletionResultType]::ParameterName, 'Set every declared password, even those that already match')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;roles;check' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also drop roles that have access here but are not declared')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;roles;rotate' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command''s)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role''s AWS role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Aurora: connect to the cluster''s reader endpoint (the replicas) instead of the writer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;roles;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the SQL that brings users, roles and grants to the declared state')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Plan, confirm, then apply the changes in one transaction')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 1 and list the differences when the database drifted from dbtool.toml')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a role a new generated password, kept in its Secrets Manager secret or SSM parameter')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;roles;help;plan' {
            break
        }
        'dbtool;roles;help;apply' {
            break
        }
        'dbtool;roles;help;check' {
            break
        }
        'dbtool;roles;help;rotate' {
            break
        }
        'dbtool;roles;help;help' {
            break
        }
        'dbtool;restore' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'RDS instance or Aurora cluster to restore from (default: `[restore] source`, else the environment''s `instance` or `cluster`)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Identifier of the new instance or cluster (default: `[restore] target`, else `<source>-restore`)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Time to restore to: 2023-10-02T10:00Z, RFC 3339, `2023-10-02 10:00` (see --tz), -30m, `1h ago`')
            [CompletionResult]::new('--from-snapshot', '--from-snapshot', [CompletionResultType]::ParameterName, 'Restore from a snapshot instead of a point in time: an id, `latest` (the source''s newest), or `before:VERSION` (dbtool''s newest pre-migrate snapshot below that schema version)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Time zone of --to times written without an offset, e.g. Europe/London (default: `[restore] tz`, else UTC)')
            [CompletionResult]::new('--override', '--override', [CompletionResultType]::ParameterName, 'Give the restored instance KEY=VALUE instead of the source''s value (repeatable; e.g. multi_az=false)')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'How often to poll AWS while waiting, e.g. 15s (default: `[restore] poll_interval`, else 15s)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--latest', '--latest', [CompletionResultType]::ParameterName, 'Restore to the latest restorable time (about 5 minutes ago)')
            [CompletionResult]::new('--clone', '--clone', [CompletionResultType]::ParameterName, 'Aurora: a copy-on-write clone at the latest restorable time (minutes instead of hours; storage is shared with the source until pages change)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm without asking')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Start the restore and return without waiting for it')
            [CompletionResult]::new('--wait-only', '--wait-only', [CompletionResultType]::ParameterName, 'Only wait for an earlier restore of --target, then apply its remaining settings')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;cname' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the record, its value(s) and the RDS instance or Aurora cluster behind each')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Point the record at another RDS instance or Aurora cluster (default: the latest `dbtool restore` target)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;cname;show' {
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Route53 hosted zone, by id or name (default: `[environments.X.cname] zone`)')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Record name, e.g. db.example.internal (default: `[environments.X.cname] record`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;cname;switch' {
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Route53 hosted zone, by id or name (default: `[environments.X.cname] zone`)')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Record name, e.g. db.example.internal (default: `[environments.X.cname] record`)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'RDS instance or Aurora cluster (its writer endpoint) to point at (default: the most recent `dbtool restore` target of the configured source)')
            [CompletionResult]::new('--weight', '--weight', [CompletionResultType]::ParameterName, 'For weighted records: percent of the traffic for the new instance (default 100; the rest to the others)')
            [CompletionResult]::new('--old-url', '--old-url', [CompletionResultType]::ParameterName, 'Connection URL of the old database (e.g. through a tunnel) for the open-connection report')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'How often to poll Route53 while waiting, e.g. 5s')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm without asking')
            [CompletionResult]::new('--stop-old', '--stop-old', [CompletionResultType]::ParameterName, 'Stop the old instance or cluster afterwards so its remaining connections end (asks first)')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'With --stop-old: take a snapshot of the old instance as it stops (not for Aurora clusters)')
            [CompletionResult]::new('--no-wait-ttl', '--no-wait-ttl', [CompletionResultType]::ParameterName, 'Do not wait the record''s TTL after the change')
            [CompletionResult]::new('--skip-connect-check', '--skip-connect-check', [CompletionResultType]::ParameterName, 'Skip the SELECT 1 on the new instance (for machines with no network path into the VPC)')
            [CompletionResult]::new('--rollback', '--rollback', [CompletionResultType]::ParameterName, 'Restore the value the record had before the last switch')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;cname;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the record, its value(s) and the RDS instance or Aurora cluster behind each')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Point the record at another RDS instance or Aurora cluster (default: the latest `dbtool restore` target)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;cname;help;show' {
            break
        }
        'dbtool;cname;help;switch' {
            break
        }
        'dbtool;cname;help;help' {
            break
        }
        'dbtool;snapshot' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Take a manual snapshot (CreateDBSnapshot, or CreateDBClusterSnapshot for Aurora)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List manual and automated snapshots, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete snapshots by id (asks for any dbtool did not take, and on production)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete dbtool''s own manual snapshots beyond the newest N')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;snapshot;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Snapshot identifier (default: `<db>-<yyyymmddthhmmss>`, UTC)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is taken, recorded in the `dbtool:reason` tag (default: manual)')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'How often to poll while waiting, e.g. 10s')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the snapshot is available (the default on a terminal)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the snapshot has started (the default without a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;snapshot;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;snapshot;delete' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;snapshot;prune' {
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'How many of dbtool''s snapshots to keep, newest first')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Only snapshots with this `dbtool:reason` (e.g. pre-migrate)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;snapshot;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Take a manual snapshot (CreateDBSnapshot, or CreateDBClusterSnapshot for Aurora)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List manual and automated snapshots, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete snapshots by id (asks for any dbtool did not take, and on production)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete dbtool''s own manual snapshots beyond the newest N')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;snapshot;help;create' {
            break
        }
        'dbtool;snapshot;help;list' {
            break
        }
        'dbtool;snapshot;help;delete' {
            break
        }
        'dbtool;snapshot;help;prune' {
            break
        }
        'dbtool;snapshot;help;help' {
            break
        }
        'dbtool;logs' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start at TIME: a duration back from now (1h, 30m, 2d) or a time (2023-10-02T10:00Z) [default: 1h before --until or now; 10m with --follow]')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop at TIME (same forms as --since) [default: now]')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Keep only entries whose message, detail lines, user or database contain TEXT (case-sensitive)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Keep only entries at least this severe')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Keep only entries of database user USER')
            [CompletionResult]::new('--slow', '--slow', [CompletionResultType]::ParameterName, 'Keep only `duration:` entries of at least DURATION (e.g. 500ms) and end with a summary of the slowest statements')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'How often --follow polls CloudWatch Logs, e.g. 5s')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep reading new entries as they arrive, until Ctrl-C (CloudWatch Logs only)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep reading new entries as they arrive, until Ctrl-C (CloudWatch Logs only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;upgrade' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show the engine version, valid upgrade targets, pending maintenance and the maintenance window')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Upgrade to --to VERSION now and wait (or --schedule automatic minor upgrades)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Measure unavailability: a fresh connection and SELECT 1 every 200 ms for a while')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;upgrade;plan' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;upgrade;apply' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The engine version to upgrade to (one of the valid targets `plan` lists)')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Probe this PostgreSQL URL through the upgrade')
            [CompletionResult]::new('--probe-target', '--probe-target', [CompletionResultType]::ParameterName, 'Probe this target (an environment or any TARGET dbtool connects to) through the upgrade, as readonly')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'How often to poll RDS while waiting, e.g. 10s')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--allow-major', '--allow-major', [CompletionResultType]::ParameterName, 'Allow a major version upgrade (AllowMajorVersionUpgrade)')
            [CompletionResult]::new('--schedule', '--schedule', [CompletionResultType]::ParameterName, 'Turn AutoMinorVersionUpgrade on instead, so the next maintenance window upgrades')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (needed without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done; change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;upgrade;probe' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The PostgreSQL URL to probe')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The target to probe (an environment or any TARGET dbtool connects to), as readonly')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'How long to probe, e.g. 30s')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;upgrade;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show the engine version, valid upgrade targets, pending maintenance and the maintenance window')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Upgrade to --to VERSION now and wait (or --schedule automatic minor upgrades)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Measure unavailability: a fresh connection and SELECT 1 every 200 ms for a while')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;upgrade;help;plan' {
            break
        }
        'dbtool;upgrade;help;apply' {
            break
        }
        'dbtool;upgrade;help;probe' {
            break
        }
        'dbtool;upgrade;help;help' {
            break
        }
        'dbtool;doctor' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Skip checks that need the network (AWS credentials)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: only data, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars or spinners')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbtool;help' {
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local PostgreSQL that dbtool manages (the default target)')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Open psql, pgcli or any client as readonly, write or admin (IAM token, assumed role)')
            [CompletionResult]::new('proxy', 'proxy', [CompletionResultType]::ParameterValue, 'Serve a local PostgreSQL endpoint that signs in upstream with a fresh credential per connection')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print PG* variables (with an IAM token) for `eval "$(dbtool env TARGET)"`')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity dbtool uses and the cached role sessions')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete cached AWS role sessions')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply Flyway-compatible migrations (and info, validate, baseline, repair, clean, undo, new)')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Dump a database with pg_dump (filtered, with progress) and load dumps locally')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'Manage database users, roles and grants as desired state')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore an RDS instance or Aurora cluster to a point in time, as a faithful copy of the source')
            [CompletionResult]::new('cname', 'cname', [CompletionResultType]::ParameterValue, 'Show or switch the database CNAME (Route53) to a restored instance')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Take, list, delete and prune RDS and Aurora snapshots')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Read an RDS instance''s PostgreSQL log: every stream in time order, filtered, slow statements summed')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Plan and apply engine version upgrades of an RDS instance or Aurora cluster, measuring the downtime')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check that everything dbtool needs is installed and configured')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;help;sandbox' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Create the sandbox if needed, start it, and print its URL')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the sandbox server (its data is kept)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the sandbox exists and runs, and where')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print PG* variables for the sandbox, for `eval "$(dbtool sandbox env)"`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the sandbox and delete all its data')
            break
        }
        'dbtool;help;sandbox;up' {
            break
        }
        'dbtool;help;sandbox;down' {
            break
        }
        'dbtool;help;sandbox;status' {
            break
        }
        'dbtool;help;sandbox;env' {
            break
        }
        'dbtool;help;sandbox;reset' {
            break
        }
        'dbtool;help;connect' {
            break
        }
        'dbtool;help;proxy' {
            break
        }
        'dbtool;help;env' {
            break
        }
        'dbtool;help;whoami' {
            break
        }
        'dbtool;help;logout' {
            break
        }
        'dbtool;help;migrate' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Apply pending migrations (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show every migration with its state')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the applied migrations against the files')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Start the history of an existing database at the baseline version')
            [CompletionResult]::new('repair', 'repair', [CompletionResultType]::ParameterValue, 'Remove failed rows, realign checksums, mark missing migrations deleted')
            [CompletionResult]::new('clean', 'clean', [CompletionResultType]::ParameterValue, 'Drop every object in the managed schemas')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Revert the latest applied migrations with their U files')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create the next versioned migration file')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check migrations for operations that lock or rewrite busy tables')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Rehearse on a throwaway PostgreSQL: apply all, validate, undo and re-apply, repeatables twice (never your sandbox)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare the live schema with what its applied migrations build (read-only on the target)')
            break
        }
        'dbtool;help;migrate;up' {
            break
        }
        'dbtool;help;migrate;info' {
            break
        }
        'dbtool;help;migrate;validate' {
            break
        }
        'dbtool;help;migrate;baseline' {
            break
        }
        'dbtool;help;migrate;repair' {
            break
        }
        'dbtool;help;migrate;clean' {
            break
        }
        'dbtool;help;migrate;undo' {
            break
        }
        'dbtool;help;migrate;new' {
            break
        }
        'dbtool;help;migrate;lint' {
            break
        }
        'dbtool;help;migrate;test' {
            break
        }
        'dbtool;help;migrate;drift' {
            break
        }
        'dbtool;help;dump' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load a dump into the sandbox (or --url/--into) with pg_restore')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Summarise a dump''s contents: schemas, tables with data or without')
            break
        }
        'dbtool;help;dump;load' {
            break
        }
        'dbtool;help;dump;list' {
            break
        }
        'dbtool;help;roles' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the SQL that brings users, roles and grants to the declared state')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Plan, confirm, then apply the changes in one transaction')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 1 and list the differences when the database drifted from dbtool.toml')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a role a new generated password, kept in its Secrets Manager secret or SSM parameter')
            break
        }
        'dbtool;help;roles;plan' {
            break
        }
        'dbtool;help;roles;apply' {
            break
        }
        'dbtool;help;roles;check' {
            break
        }
        'dbtool;help;roles;rotate' {
            break
        }
        'dbtool;help;restore' {
            break
        }
        'dbtool;help;cname' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the record, its value(s) and the RDS instance or Aurora cluster behind each')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Point the record at another RDS instance or Aurora cluster (default: the latest `dbtool restore` target)')
            break
        }
        'dbtool;help;cname;show' {
            break
        }
        'dbtool;help;cname;switch' {
            break
        }
        'dbtool;help;snapshot' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Take a manual snapshot (CreateDBSnapshot, or CreateDBClusterSnapshot for Aurora)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List manual and automated snapshots, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete snapshots by id (asks for any dbtool did not take, and on production)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete dbtool''s own manual snapshots beyond the newest N')
            break
        }
        'dbtool;help;snapshot;create' {
            break
        }
        'dbtool;help;snapshot;list' {
            break
        }
        'dbtool;help;snapshot;delete' {
            break
        }
        'dbtool;help;snapshot;prune' {
            break
        }
        'dbtool;help;logs' {
            break
        }
        'dbtool;help;upgrade' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show the engine version, valid upgrade targets, pending maintenance and the maintenance window')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Upgrade to --to VERSION now and wait (or --schedule automatic minor upgrades)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Measure unavailability: a fresh connection and SELECT 1 every 200 ms for a while')
            break
        }
        'dbtool;help;upgrade;plan' {
            break
        }
        'dbtool;help;upgrade;apply' {
            break
        }
        'dbtool;help;upgrade;probe' {
            break
        }
        'dbtool;help;doctor' {
            break
        }
        'dbtool;help;completions' {
            break
        }
        'dbtool;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

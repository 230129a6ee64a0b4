
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
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print PG* variables (with an IAM token) for `eval "$(dbtool env TARGET)"`')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity dbtool uses and the cached role sessions')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete cached AWS role sessions')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply Flyway-compatible migrations (and info, validate, baseline, repair, clean, undo, new)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'Manage database users, roles and grants as desired state')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check that everything dbtool needs is installed and configured')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;sandbox' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm admin (or production write) access without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm admin (or production write) access without asking')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm admin (or production write) access without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm admin (or production write) access without asking')
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
        'dbtool;env' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Database role: readonly, write, admin, or one configured in dbtool.toml')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Database user to connect as, instead of the role''s configured user')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role (else prompted on a terminal)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Syntax of the output')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm admin (or production write) access without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm admin (or production write) access without asking')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Role whose AWS identity to show')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role whose AWS identity to show')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'MFA code for assuming the role (else prompted on a terminal)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
        'dbtool;logout' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;migrate;up' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--allow-pending', '--allow-pending', [CompletionResultType]::ParameterName, 'Accept migrations not applied yet (Flyway counts them as errors)')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--allow-clean', '--allow-clean', [CompletionResultType]::ParameterName, 'Allow clean even though clean_disabled is true (never on production)')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of migrations to undo, newest first')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Undo every applied migration above VERSION')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'lock_timeout for each migration, e.g. 5s; 0 turns it off')
            [CompletionResult]::new('--lock-retries', '--lock-retries', [CompletionResultType]::ParameterName, 'Retries of a migration that hit lock_timeout (default 3)')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another runner''s migration lock (default 10m)')
            [CompletionResult]::new('--validate-migration-naming', '--validate-migration-naming', [CompletionResultType]::ParameterName, 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--repeatable', '--repeatable', [CompletionResultType]::ParameterName, 'Create a repeatable migration (R__…) instead of a versioned one')
            [CompletionResult]::new('--no-placeholder-replacement', '--no-placeholder-replacement', [CompletionResultType]::ParameterName, 'Leave `${…}` in SQL untouched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL that would run, with transaction boundaries; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts')
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
        'dbtool;migrate;help;help' {
            break
        }
        'dbtool;roles' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbtool;roles;plan' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also drop roles that have access here but are not declared')
            [CompletionResult]::new('--set-passwords', '--set-passwords', [CompletionResultType]::ParameterName, 'Set every declared password, even those that already match')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and stop')
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
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connection URL (postgresql://user@host:port/db) instead of TARGET')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours on stderr (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of data printed on stdout')
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
        'dbtool;roles;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the SQL that brings users, roles and grants to the declared state')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Plan, confirm, then apply the changes in one transaction')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 1 and list the differences when the database drifted from dbtool.toml')
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
        'dbtool;roles;help;help' {
            break
        }
        'dbtool;doctor' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read configuration from FILE instead of ./dbtool.toml')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Use the configured environment NAME (preview, staging, production…)')
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
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print PG* variables (with an IAM token) for `eval "$(dbtool env TARGET)"`')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity dbtool uses and the cached role sessions')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete cached AWS role sessions')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply Flyway-compatible migrations (and info, validate, baseline, repair, clean, undo, new)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'Manage database users, roles and grants as desired state')
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
        'dbtool;help;roles' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the SQL that brings users, roles and grants to the declared state')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Plan, confirm, then apply the changes in one transaction')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 1 and list the differences when the database drifted from dbtool.toml')
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

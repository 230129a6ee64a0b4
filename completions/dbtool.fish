# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dbtool_global_optspecs
    string join \n config= env= q/quiet v/verbose color= output-format= no-progress h/help V/version
end

function __fish_dbtool_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dbtool_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dbtool_using_subcommand
    set -l cmd (__fish_dbtool_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dbtool -n "__fish_dbtool_needs_command" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_needs_command" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_needs_command" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_needs_command" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_needs_command" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_needs_command" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_needs_command" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_needs_command" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "sandbox" -d 'Run a local PostgreSQL that dbtool manages (the default target)'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "connect" -d 'Open psql, pgcli or any client as readonly, write or admin (IAM token, assumed role)'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "db-connect" -d 'Open psql, pgcli or any client as readonly, write or admin (IAM token, assumed role)'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "proxy" -d 'Serve a local PostgreSQL endpoint that signs in upstream with a fresh credential per connection'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "env" -d 'Print PG* variables (with an IAM token) for `eval "$(dbtool env TARGET)"`'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "whoami" -d 'Show the AWS identity dbtool uses and the cached role sessions'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "logout" -d 'Delete cached AWS role sessions'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "migrate" -d 'Apply Flyway-compatible migrations (and info, validate, baseline, repair, clean, undo, new)'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "dump" -d 'Dump a database with pg_dump (filtered, with progress) and load dumps locally'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "roles" -d 'Manage database users, roles and grants as desired state'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "restore" -d 'Restore an RDS instance or Aurora cluster to a point in time, as a faithful copy of the source'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "cname" -d 'Show or switch the database CNAME (Route53) to a restored instance'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "snapshot" -d 'Take, list, delete and prune RDS and Aurora snapshots'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "logs" -d 'Read an RDS instance\'s PostgreSQL log: every stream in time order, filtered, slow statements summed'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "upgrade" -d 'Plan and apply engine version upgrades of an RDS instance or Aurora cluster, measuring the downtime'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "doctor" -d 'Check that everything dbtool needs is installed and configured'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, elvish, powershell)'
complete -c dbtool -n "__fish_dbtool_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -l dir -d 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -f -a "up" -d 'Create the sandbox if needed, start it, and print its URL'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -f -a "down" -d 'Stop the sandbox server (its data is kept)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -f -a "status" -d 'Show whether the sandbox exists and runs, and where'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -f -a "env" -d 'Print PG* variables for the sandbox, for `eval "$(dbtool sandbox env)"`'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -f -a "reset" -d 'Stop the sandbox and delete all its data'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status env reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l port -d 'Listen on this port (default: the last one used, else a free one)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l dir -d 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l dir -d 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l dir -d 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l format -d 'Shell syntax of the output' -r -f -a "sh\t'`export NAME=\'value\'` lines for sh, bash and zsh'
fish\t'`set -gx NAME \'value\'` lines for fish'
dotenv\t'`NAME=value` lines for .env files and docker --env-file'
json\t'One JSON object'"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l dir -d 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l dir -d 'Sandbox directory (default: $XDG_DATA_HOME/dbtool/sandbox)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s y -l yes -d 'Do not ask for confirmation'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "up" -d 'Create the sandbox if needed, start it, and print its URL'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop the sandbox server (its data is kept)'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show whether the sandbox exists and runs, and where'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "env" -d 'Print PG* variables for the sandbox, for `eval "$(dbtool sandbox env)"`'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Stop the sandbox and delete all its data'
complete -c dbtool -n "__fish_dbtool_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l refresh -d 'Keep a fresh IAM token in a PGPASSFILE while the client runs (for reconnects after 15 minutes)'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand connect" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l refresh -d 'Keep a fresh IAM token in a PGPASSFILE while the client runs (for reconnects after 15 minutes)'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand db-connect" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l port -d 'Local port (default: the role\'s `proxy_port`, else 20000 + CRC-32 of "ENV/ROLE" mod 10000)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l bind -d 'Listen on ADDR instead of 127.0.0.1 (other machines may then reach the proxy)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l idle-timeout -d 'Close client connections idle (no bytes either way) for this long, e.g. 30m (default: never)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l max-connections -d 'Refuse new clients while N connections are open' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l trust-local -d 'Let loopback clients in without a password (anyone on this machine can then connect)'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l passfile -d 'Write this run\'s password as a 0600 .pgpass line (in $XDG_RUNTIME_DIR, else the cache directory)'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l read-only -d 'Start every upstream session with default_transaction_read_only=on'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l audit-statements -d 'Also write each statement\'s text (Query and Parse messages, never parameters) to the audit log'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand proxy" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l format -d 'Syntax of the output' -r -f -a "sh\t'`export NAME=\'value\'` lines for sh, bash and zsh'
fish\t'`set -gx NAME \'value\'` lines for fish'
dotenv\t'`NAME=value` lines for .env files and docker --env-file'
json\t'One JSON object'"
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand env" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand logout" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "up" -d 'Apply pending migrations (the default)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "info" -d 'Show every migration with its state'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "validate" -d 'Check the applied migrations against the files'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "baseline" -d 'Start the history of an existing database at the baseline version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "repair" -d 'Remove failed rows, realign checksums, mark missing migrations deleted'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "clean" -d 'Drop every object in the managed schemas'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "undo" -d 'Revert the latest applied migrations with their U files'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "new" -d 'Create the next versioned migration file'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "lint" -d 'Check migrations for operations that lock or rewrite busy tables'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "test" -d 'Rehearse on a throwaway PostgreSQL: apply all, validate, undo and re-apply, repeatables twice (never your sandbox)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "drift" -d 'Compare the live schema with what its applied migrations build (read-only on the target)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and not __fish_seen_subcommand_from up info validate baseline repair clean undo new lint test drift help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l allow-pending -d 'Accept migrations not applied yet (Flyway counts them as errors)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from repair" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l allow-clean -d 'Allow clean even though clean_disabled is true (never on production)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from clean" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l count -d 'Number of migrations to undo, newest first' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l to -d 'Undo every applied migration above VERSION' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from undo" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l repeatable -d 'Create a repeatable migration (R__…) instead of a versioned one'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l pg-version -d 'Target PostgreSQL version, e.g. 16 or 14.2 (default: [lint] pg_version, else 17)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l format -d 'Findings format (default: text, or json with --output-format json)' -r -f -a "text\t'Human-readable findings with the source line and a caret'
json\t'A JSON array of findings'
gcc\t'One `file:line:col: severity: message [rule]` line per finding'
github\t'GitHub Actions annotations (`::error file=…,line=…::…`)'
sarif\t'SARIF 2.1.0, for code scanning'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l exclude -d 'Skip these rules (comma-separated or repeated)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l include -d 'Run only these rules (comma-separated or repeated)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l changed-since -d 'Lint only files changed since this git ref (plus uncommitted and untracked ones)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l target -d 'With --trace: prepare the throwaway PostgreSQL with what TARGET\'s history says is applied, then trace only TARGET\'s pending migrations (TARGET read only; without a value: the default target, as `migrate drift` picks it)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l on -d 'With --trace: trace TARGET\'s pending migrations on TARGET itself (a sandbox or a non-production environment, e.g. a restored copy), in one transaction that is rolled back; sizes and durations are real' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l deny-warnings -d 'Exit with status 1 when there are warnings, not only errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l explain -d 'Show the lock model: each statement\'s locks, rewrites and scans'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l list-rules -d 'List the rules with their default severity and exit'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l trace -d 'Run the migrations on a throwaway PostgreSQL, statement by statement, and measure each one\'s locks, rewrites and time beside the lock model'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l junit -d 'Also write a JUnit XML report to FILE (for CI systems)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l keep -d 'Leave the throwaway cluster running and print its URL'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l ignore -d 'Leave out objects, as KIND:NAME with `*` (e.g. table:public.tmp_*, schema:pglogical, extension:rds_*); repeatable' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l preflight -d 'Check for sessions that would block each migration: wait, refuse or off' -r -f -a "wait\t'Wait (up to --preflight-timeout) for the blocking sessions to finish'
refuse\t'Stop before the migration and name the blocking sessions'
off\t'Do not check'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l preflight-timeout -d 'How long --preflight wait waits for blocking sessions' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l flyway-config -d 'Read Flyway settings from FILE (default: ./flyway.toml or ./flyway.conf)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l locations -d 'Directories holding migrations, comma-separated (`filesystem:` accepted) [env: FLYWAY_LOCATIONS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l schemas -d 'Schemas to manage; the first holds the history table [env: FLYWAY_SCHEMAS]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l default-schema -d 'Schema put first on search_path while migrating [env: FLYWAY_DEFAULT_SCHEMA]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l table -d 'Name of the history table (default flyway_schema_history) [env: FLYWAY_TABLE]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l placeholder -d 'Set a placeholder, `${KEY}` in SQL (repeatable) [env: FLYWAY_PLACEHOLDERS_<KEY>]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l baseline-on-migrate -d 'Baseline a non-empty database without history on the first migrate [env: FLYWAY_BASELINE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l baseline-version -d 'Version `baseline` records (default 1) [env: FLYWAY_BASELINE_VERSION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l baseline-description -d 'Description `baseline` records [env: FLYWAY_BASELINE_DESCRIPTION]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l out-of-order -d 'Apply migrations older than the current version [env: FLYWAY_OUT_OF_ORDER]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l validate-on-migrate -d 'Validate before migrating (default true) [env: FLYWAY_VALIDATE_ON_MIGRATE]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l target-version -d 'Migrate up to VERSION (`latest`, `current` or a version) [env: FLYWAY_TARGET]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l mixed -d 'Allow transactional and non-transactional statements in one file [env: FLYWAY_MIXED]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l group -d 'Apply all pending migrations in one transaction [env: FLYWAY_GROUP]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l installed-by -d 'Value recorded in installed_by (default: the database user) [env: FLYWAY_INSTALLED_BY]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l lock-timeout -d 'lock_timeout for each migration, e.g. 5s (1ms to 24d); 0 turns it off' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l lock-retries -d 'Retries of a migration that hit lock_timeout (default 3)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l lock-wait -d 'How long to wait for another runner\'s migration lock (default 10m)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l validate-migration-naming -d 'Fail on .sql files whose names are not migrations [env: FLYWAY_VALIDATE_MIGRATION_NAMING]' -r -f -a "true\t''
false\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l keep-snapshots -d 'After a --snapshot run, keep this many of dbtool\'s pre-migrate snapshots and delete older ones (default: `keep_snapshots`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l grants -d 'Compare ownership and privileges too (tables, views, sequences, schemas, functions)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l deny-unsafe -d 'Stop before applying anything when pending migrations have lint errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l allow-unsafe -d 'Apply even when the environment says lint = "refuse"'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l no-placeholder-replacement -d 'Leave `${…}` in SQL untouched'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l snapshot -d 'Snapshot the environment\'s RDS instance or Aurora cluster before applying anything, when something is pending (default: `snapshot_before_migrate`)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "up" -d 'Apply pending migrations (the default)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show every migration with its state'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check the applied migrations against the files'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "baseline" -d 'Start the history of an existing database at the baseline version'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "repair" -d 'Remove failed rows, realign checksums, mark missing migrations deleted'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "clean" -d 'Drop every object in the managed schemas'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "undo" -d 'Revert the latest applied migrations with their U files'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create the next versioned migration file'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Check migrations for operations that lock or rewrite busy tables'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "test" -d 'Rehearse on a throwaway PostgreSQL: apply all, validate, undo and re-apply, repeatables twice (never your sandbox)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "drift" -d 'Compare the live schema with what its applied migrations build (read-only on the target)'
complete -c dbtool -n "__fish_dbtool_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l preset -d 'Start from the exclusions of [dump.presets.NAME] in dbtool.toml' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l exclude-schema -d 'Leave out schemas matching PATTERN entirely' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l exclude-table -d 'Leave out tables matching PATTERN and their definitions (views and foreign keys on them break)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l exclude-table-data -d 'Keep the definition of tables matching PATTERN but skip their rows' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l include-table -d 'Dump only tables matching PATTERN (and their partitions)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -s f -l file -d 'Write the dump to FILE (default: DATABASE-DATE.dump in the current directory)' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l format -d 'Archive format' -r -f -a "custom\t'pg_dump\'s compressed archive (-Fc), for pg_restore'
directory\t'A directory of compressed files (-Fd), the only format for --jobs'
plain\t'An SQL script (-Fp), for psql'"
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -s j -l jobs -d 'Dump N tables at once (directory format; one consistent snapshot)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l dry-run -d 'Show the plan (what is dumped and skipped, sizes, warnings) and stop'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l no-fk-check -d 'Dump even when foreign keys of dumped rows reference rows left out'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -a "load" -d 'Load a dump into the sandbox (or --url/--into) with pg_restore'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -a "list" -d 'Summarise a dump\'s contents: schemas, tables with data or without'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and not __fish_seen_subcommand_from load list help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l into -d 'Load into database DBNAME on the target server' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l url -d 'Server to load into (postgresql://user@host:port/db) instead of the sandbox [env: DBTOOL_DATABASE_URL, DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l var -d 'Name of the variable in the `export` line printed at the end (e.g. SQLALCHEMY_DATABASE_URI)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -s j -l jobs -d 'Restore N items at once' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l create -d 'Create the database first (named by --into, else the one in --url, else after FILE)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l clean -d 'Drop the objects of the dump before recreating them'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l strict -d 'Fail on any restore error, also objects the local server lacks (extensions…)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -s y -l yes -d 'Confirm loading into anything but the sandbox (on a terminal the database name is typed too)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load a dump into the sandbox (or --url/--into) with pg_restore'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from help" -f -a "list" -d 'Summarise a dump\'s contents: schemas, tables with data or without'
complete -c dbtool -n "__fish_dbtool_using_subcommand dump; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -f -a "plan" -d 'Print the SQL that brings users, roles and grants to the declared state'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -f -a "apply" -d 'Plan, confirm, then apply the changes in one transaction'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -f -a "check" -d 'Exit 1 and list the differences when the database drifted from dbtool.toml'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -f -a "rotate" -d 'Give a role a new generated password, kept in its Secrets Manager secret or SSM parameter'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and not __fish_seen_subcommand_from plan apply check rotate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l prune -d 'Also drop roles that have access here but are not declared'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l prune -d 'Also drop roles that have access here but are not declared'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l set-passwords -d 'Set every declared password, even those that already match'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l prune -d 'Also drop roles that have access here but are not declared'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -s r -l role -d 'Database role: readonly, write, admin, or one configured in dbtool.toml (default: the command\'s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l user -d 'Database user to connect as, instead of the role\'s configured user' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l mfa-code -d 'MFA code for assuming the role\'s AWS role (else prompted on a terminal)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l reader -d 'Aurora: connect to the cluster\'s reader endpoint (the replicas) instead of the writer'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Print the SQL that brings users, roles and grants to the declared state'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Plan, confirm, then apply the changes in one transaction'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "check" -d 'Exit 1 and list the differences when the database drifted from dbtool.toml'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Give a role a new generated password, kept in its Secrets Manager secret or SSM parameter'
complete -c dbtool -n "__fish_dbtool_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l source -d 'RDS instance or Aurora cluster to restore from (default: `[restore] source`, else the environment\'s `instance` or `cluster`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l target -d 'Identifier of the new instance or cluster (default: `[restore] target`, else `<source>-restore`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l to -d 'Time to restore to: 2023-10-02T10:00Z, RFC 3339, `2023-10-02 10:00` (see --tz), -30m, `1h ago`' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l from-snapshot -d 'Restore from a snapshot instead of a point in time: an id, `latest` (the source\'s newest), or `before:VERSION` (dbtool\'s newest pre-migrate snapshot below that schema version)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l tz -d 'Time zone of --to times written without an offset, e.g. Europe/London (default: `[restore] tz`, else UTC)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l override -d 'Give the restored instance KEY=VALUE instead of the source\'s value (repeatable; e.g. multi_az=false)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l poll-interval -d 'How often to poll AWS while waiting, e.g. 15s (default: `[restore] poll_interval`, else 15s)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l latest -d 'Restore to the latest restorable time (about 5 minutes ago)'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l clone -d 'Aurora: a copy-on-write clone at the latest restorable time (minutes instead of hours; storage is shared with the source until pages change)'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l dry-run -d 'Print the plan and change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -s y -l yes -d 'Confirm without asking'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l no-wait -d 'Start the restore and return without waiting for it'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l wait-only -d 'Only wait for an earlier restore of --target, then apply its remaining settings'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand restore" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -f -a "show" -d 'Show the record, its value(s) and the RDS instance or Aurora cluster behind each'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -f -a "switch" -d 'Point the record at another RDS instance or Aurora cluster (default: the latest `dbtool restore` target)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and not __fish_seen_subcommand_from show switch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -l zone -d 'Route53 hosted zone, by id or name (default: `[environments.X.cname] zone`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -l record -d 'Record name, e.g. db.example.internal (default: `[environments.X.cname] record`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l zone -d 'Route53 hosted zone, by id or name (default: `[environments.X.cname] zone`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l record -d 'Record name, e.g. db.example.internal (default: `[environments.X.cname] record`)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l to -d 'RDS instance or Aurora cluster (its writer endpoint) to point at (default: the most recent `dbtool restore` target of the configured source)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l weight -d 'For weighted records: percent of the traffic for the new instance (default 100; the rest to the others)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l old-url -d 'Connection URL of the old database (e.g. through a tunnel) for the open-connection report' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l poll-interval -d 'How often to poll Route53 while waiting, e.g. 5s' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l dry-run -d 'Show what would change and change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -s y -l yes -d 'Confirm without asking'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l stop-old -d 'Stop the old instance or cluster afterwards so its remaining connections end (asks first)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l snapshot -d 'With --stop-old: take a snapshot of the old instance as it stops (not for Aurora clusters)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l no-wait-ttl -d 'Do not wait the record\'s TTL after the change'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l skip-connect-check -d 'Skip the SELECT 1 on the new instance (for machines with no network path into the VPC)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l rollback -d 'Restore the value the record had before the last switch'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from switch" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the record, its value(s) and the RDS instance or Aurora cluster behind each'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from help" -f -a "switch" -d 'Point the record at another RDS instance or Aurora cluster (default: the latest `dbtool restore` target)'
complete -c dbtool -n "__fish_dbtool_using_subcommand cname; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -f -a "create" -d 'Take a manual snapshot (CreateDBSnapshot, or CreateDBClusterSnapshot for Aurora)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -f -a "list" -d 'List manual and automated snapshots, newest first'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -f -a "delete" -d 'Delete snapshots by id (asks for any dbtool did not take, and on production)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -f -a "prune" -d 'Delete dbtool\'s own manual snapshots beyond the newest N'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and not __fish_seen_subcommand_from create list delete prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l name -d 'Snapshot identifier (default: `<db>-<yyyymmddthhmmss>`, UTC)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l reason -d 'Why it is taken, recorded in the `dbtool:reason` tag (default: manual)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l poll-interval -d 'How often to poll while waiting, e.g. 10s' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l wait -d 'Wait until the snapshot is available (the default on a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l no-wait -d 'Return once the snapshot has started (the default without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l keep -d 'How many of dbtool\'s snapshots to keep, newest first' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l reason -d 'Only snapshots with this `dbtool:reason` (e.g. pre-migrate)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "create" -d 'Take a manual snapshot (CreateDBSnapshot, or CreateDBClusterSnapshot for Aurora)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "list" -d 'List manual and automated snapshots, newest first'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete snapshots by id (asks for any dbtool did not take, and on production)'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete dbtool\'s own manual snapshots beyond the newest N'
complete -c dbtool -n "__fish_dbtool_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l url -d 'Connection URL (postgresql://user@host:5432/db, jdbc:postgresql://…, or `service=NAME`) [env: DBTOOL_DATABASE_URL]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l since -d 'Start at TIME: a duration back from now (1h, 30m, 2d) or a time (2023-10-02T10:00Z) [default: 1h before --until or now; 10m with --follow]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l until -d 'Stop at TIME (same forms as --since) [default: now]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l grep -d 'Keep only entries whose message, detail lines, user or database contain TEXT (case-sensitive)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l level -d 'Keep only entries at least this severe' -r -f -a "log\t'LOG, INFO, NOTICE and everything more severe (all but DEBUG)'
warning\t'WARNING, ERROR, FATAL, PANIC'
error\t'ERROR, FATAL, PANIC'
fatal\t'FATAL, PANIC'"
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l user -d 'Keep only entries of database user USER' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l slow -d 'Keep only `duration:` entries of at least DURATION (e.g. 500ms) and end with a summary of the slowest statements' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l poll-interval -d 'How often --follow polls CloudWatch Logs, e.g. 5s' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -s f -l follow -d 'Keep reading new entries as they arrive, until Ctrl-C (CloudWatch Logs only)'
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand logs" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -a "plan" -d 'Show the engine version, valid upgrade targets, pending maintenance and the maintenance window'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -a "apply" -d 'Upgrade to --to VERSION now and wait (or --schedule automatic minor upgrades)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -a "probe" -d 'Measure unavailability: a fresh connection and SELECT 1 every 200 ms for a while'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply probe help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l to -d 'The engine version to upgrade to (one of the valid targets `plan` lists)' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l probe -d 'Probe this PostgreSQL URL through the upgrade' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l probe-target -d 'Probe this target (an environment or any TARGET dbtool connects to) through the upgrade, as readonly' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l poll-interval -d 'How often to poll RDS while waiting, e.g. 10s' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l allow-major -d 'Allow a major version upgrade (AllowMajorVersionUpgrade)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l schedule -d 'Turn AutoMinorVersionUpgrade on instead, so the next maintenance window upgrades'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Answer yes to confirmation prompts (needed without a terminal)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l dry-run -d 'Show what would be done; change nothing'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l url -d 'The PostgreSQL URL to probe' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l target -d 'The target to probe (an environment or any TARGET dbtool connects to), as readonly' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l for -d 'How long to probe, e.g. 30s' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Show the engine version, valid upgrade targets, pending maintenance and the maintenance window'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Upgrade to --to VERSION now and wait (or --schedule automatic minor upgrades)'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Measure unavailability: a fresh connection and SELECT 1 every 200 ms for a while'
complete -c dbtool -n "__fish_dbtool_using_subcommand upgrade; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -l offline -d 'Skip checks that need the network (AWS credentials)'
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -l config -d 'Read configuration from FILE instead of ./dbtool.toml' -r -F
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -l env -d 'Use the configured environment NAME (preview, staging, production…) [env: DBTOOL_ENV]' -r
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -l color -d 'When to use colours on stderr (NO_COLOR is honoured with auto)' -r -f -a "auto\t'Colour when stderr is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -l output-format -d 'Format of data printed on stdout' -r -f -a "text\t'Human-readable text'
json\t'JSON, one document on stdout'"
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -s q -l quiet -d 'Print less: only data, warnings and errors'
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -l no-progress -d 'Never draw progress bars or spinners'
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbtool -n "__fish_dbtool_using_subcommand completions" -s V -l version -d 'Print version'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "sandbox" -d 'Run a local PostgreSQL that dbtool manages (the default target)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "connect" -d 'Open psql, pgcli or any client as readonly, write or admin (IAM token, assumed role)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "proxy" -d 'Serve a local PostgreSQL endpoint that signs in upstream with a fresh credential per connection'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "env" -d 'Print PG* variables (with an IAM token) for `eval "$(dbtool env TARGET)"`'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "whoami" -d 'Show the AWS identity dbtool uses and the cached role sessions'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "logout" -d 'Delete cached AWS role sessions'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "migrate" -d 'Apply Flyway-compatible migrations (and info, validate, baseline, repair, clean, undo, new)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "dump" -d 'Dump a database with pg_dump (filtered, with progress) and load dumps locally'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "roles" -d 'Manage database users, roles and grants as desired state'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "restore" -d 'Restore an RDS instance or Aurora cluster to a point in time, as a faithful copy of the source'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "cname" -d 'Show or switch the database CNAME (Route53) to a restored instance'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "snapshot" -d 'Take, list, delete and prune RDS and Aurora snapshots'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "logs" -d 'Read an RDS instance\'s PostgreSQL log: every stream in time order, filtered, slow statements summed'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "upgrade" -d 'Plan and apply engine version upgrades of an RDS instance or Aurora cluster, measuring the downtime'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "doctor" -d 'Check that everything dbtool needs is installed and configured'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, elvish, powershell)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and not __fish_seen_subcommand_from sandbox connect proxy env whoami logout migrate dump roles restore cname snapshot logs upgrade doctor completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "up" -d 'Create the sandbox if needed, start it, and print its URL'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "down" -d 'Stop the sandbox server (its data is kept)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "status" -d 'Show whether the sandbox exists and runs, and where'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "env" -d 'Print PG* variables for the sandbox, for `eval "$(dbtool sandbox env)"`'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Stop the sandbox and delete all its data'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "up" -d 'Apply pending migrations (the default)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "info" -d 'Show every migration with its state'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "validate" -d 'Check the applied migrations against the files'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "baseline" -d 'Start the history of an existing database at the baseline version'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "repair" -d 'Remove failed rows, realign checksums, mark missing migrations deleted'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "clean" -d 'Drop every object in the managed schemas'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "undo" -d 'Revert the latest applied migrations with their U files'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "new" -d 'Create the next versioned migration file'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "lint" -d 'Check migrations for operations that lock or rewrite busy tables'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "test" -d 'Rehearse on a throwaway PostgreSQL: apply all, validate, undo and re-apply, repeatables twice (never your sandbox)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "drift" -d 'Compare the live schema with what its applied migrations build (read-only on the target)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from dump" -f -a "load" -d 'Load a dump into the sandbox (or --url/--into) with pg_restore'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from dump" -f -a "list" -d 'Summarise a dump\'s contents: schemas, tables with data or without'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "plan" -d 'Print the SQL that brings users, roles and grants to the declared state'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "apply" -d 'Plan, confirm, then apply the changes in one transaction'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "check" -d 'Exit 1 and list the differences when the database drifted from dbtool.toml'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "rotate" -d 'Give a role a new generated password, kept in its Secrets Manager secret or SSM parameter'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from cname" -f -a "show" -d 'Show the record, its value(s) and the RDS instance or Aurora cluster behind each'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from cname" -f -a "switch" -d 'Point the record at another RDS instance or Aurora cluster (default: the latest `dbtool restore` target)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "create" -d 'Take a manual snapshot (CreateDBSnapshot, or CreateDBClusterSnapshot for Aurora)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "list" -d 'List manual and automated snapshots, newest first'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "delete" -d 'Delete snapshots by id (asks for any dbtool did not take, and on production)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "prune" -d 'Delete dbtool\'s own manual snapshots beyond the newest N'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from upgrade" -f -a "plan" -d 'Show the engine version, valid upgrade targets, pending maintenance and the maintenance window'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from upgrade" -f -a "apply" -d 'Upgrade to --to VERSION now and wait (or --schedule automatic minor upgrades)'
complete -c dbtool -n "__fish_dbtool_using_subcommand help; and __fish_seen_subcommand_from upgrade" -f -a "probe" -d 'Measure unavailability: a fresh connection and SELECT 1 every 200 ms for a while'

using System.CommandLine;
using System.Text;

namespace Cassette.Cli.Commands;

/// <summary><c>cassette format</c>: prints, rewrites or checks cassettes in go-vcr's exact canonical form.</summary>
internal static class FormatCommand
{
    public static Command Create()
    {
        var check = new Option<bool>("--check")
        {
            Description = "List the files that are not canonical and exit 1; change nothing.",
        };
        var write = new Option<bool>("--write")
        {
            Description = "Rewrite the files that are not canonical, in place.",
        };
        var upgrade = new Option<bool>("--upgrade")
        {
            Description = "Write version 1 cassettes (go-vcr v1 and v2) as version 2, keeping every value.",
        };
        var layout = new Option<string?>("--layout")
        {
            Description = $"Write in this layout instead of each file's own: {string.Join(", ", CassetteLayoutExtensions.LayoutNames)}.",
            HelpName = "name",
        };
        layout.Validators.Add(result =>
        {
            string? name = result.GetValueOrDefault<string?>();
            if (name is not null && !CassetteLayoutExtensions.LayoutNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"Unknown layout \"{name}\". Use one of: {string.Join(", ", CassetteLayoutExtensions.LayoutNames)}.");
            }
        });
        var dialect = new Option<string?>("--dialect")
        {
            Description =
                "Write in this dialect instead of each file's own: omit-empty (go-vcr v4.0.3 and later leave empty fields out) "
                + "or every-field (go-vcr v3 and v4 up to v4.0.2 write them, as transfer_encoding: [] or remote_addr: \"\").",
            HelpName = "name",
        };
        dialect.Validators.Add(result =>
        {
            string? name = result.GetValueOrDefault<string?>();
            if (name is not null && !CassetteDialectExtensions.DialectNames.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"Unknown dialect \"{name}\". Use one of: {string.Join(", ", CassetteDialectExtensions.DialectNames)}.");
            }
        });
        var paths = new Argument<string[]>("path")
        {
            Description = "Cassette files, or folders to search for *.yaml files.",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command(
            "format",
            """
            Write cassettes exactly as go-vcr would: every interaction written afresh, in
            each file's own layout and dialect (a file that writes out empty fields, as go-vcr
            v3 does, is judged and written as go-vcr v3 writes), and any YAML documents after
            the cassette's kept byte for byte. Without --check or --write, prints the canonical
            text. A version 1 cassette (go-vcr v1 and v2) is written only with --upgrade, as
            version 2: every recorded value is kept, and the protocol (HTTP/1.1) and content
            lengths that version 1 did not record are filled in.

            Examples:
              cassette format fixtures/openrouter/openrouter-kimi-k2.yaml
              cassette format --check fixtures
              cassette format --write --layout compact-2 fixtures/my-test
              cassette format --write --dialect omit-empty testdata/recordings
              cassette format --write --upgrade testdata
            """)
        {
            check, write, upgrade, layout, dialect, paths,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(paths)!,
            parseResult.GetValue(check),
            parseResult.GetValue(write),
            parseResult.GetValue(upgrade),
            parseResult.GetValue(layout) is { } name ? CassetteLayoutExtensions.ParseLayoutName(name) : null,
            parseResult.GetValue(dialect) is { } dialectName ? CassetteDialectExtensions.ParseDialectName(dialectName) : null,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(
        string[] paths, bool check, bool write, bool upgrade, CassetteLayout? layout, CassetteDialect? dialect, TextWriter output, TextWriter error)
    {
        if (check && write)
        {
            error.WriteLine("--check and --write cannot be used together: --check changes nothing, --write rewrites.");
            return ExitCodes.Error;
        }

        bool failed = false;
        int notCanonical = 0;
        int checkedFiles = 0;
        int versionOne = 0;
        foreach (string file in CassettePaths.Expand(paths, error, () => failed = true))
        {
            CassetteFile cassette;
            byte[] original;
            try
            {
                original = File.ReadAllBytes(file);
                cassette = CassetteFile.FromBytes(original, file);
            }
            catch (Exception e) when (e is CassetteFormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine(e.Message);
                failed = true;
                continue;
            }

            checkedFiles++;
            if (cassette.Version == 1 && !upgrade)
            {
                versionOne++;
                if (check)
                {
                    notCanonical++;
                    output.WriteLine(file);
                }
                else
                {
                    error.WriteLine($"{file}: a version 1 cassette (go-vcr v1 and v2's format). Add --upgrade to write it as version 2; every value is kept.");
                    failed = true;
                }

                continue;
            }

            cassette.UpgradeToVersion2();
            if (layout is { } target)
            {
                cassette.Layout = target;
            }

            if (dialect is { } targetDialect)
            {
                cassette.Dialect = targetDialect;
            }

            byte[] canonical = Encoding.UTF8.GetBytes(cassette.ToCanonicalYaml());
            bool same = original.AsSpan().SequenceEqual(canonical);
            if (check)
            {
                if (!same)
                {
                    notCanonical++;
                    output.WriteLine(file);
                }
            }
            else if (write)
            {
                if (!same)
                {
                    AtomicFile.WriteAllBytes(file, canonical);
                    output.WriteLine($"formatted {file}");
                }
            }
            else
            {
                output.Write(Encoding.UTF8.GetString(canonical));
            }
        }

        if (check && notCanonical > 0)
        {
            error.WriteLine($"{notCanonical} of {checkedFiles} cassettes are not canonical. Run 'cassette format --write' on them to fix{(versionOne > 0 ? $" ({versionOne} of them version 1: add --upgrade)" : "")}.");
        }

        return failed ? ExitCodes.Error : notCanonical > 0 ? ExitCodes.Found : ExitCodes.Success;
    }
}

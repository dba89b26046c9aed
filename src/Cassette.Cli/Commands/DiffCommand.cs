using System.CommandLine;
using Cassette.Cli.Diffing;
using Cassette.Cli.Semantics;

namespace Cassette.Cli.Commands;

/// <summary><c>cassette diff</c>: what changed in meaning between two versions of cassettes.</summary>
internal static class DiffCommand
{
    private static readonly string[] Formats = ["text", "markdown", "github"];
    private static readonly string[] ColorModes = ["auto", "always", "never"];

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "OLD NEW (two files, or two folders matched by relative path); with --git, an optional PATH.",
            Arity = new ArgumentArity(0, 2),
        };
        var git = new Option<string?>("--git")
        {
            Description = "Compare the working tree with this git revision (for example origin/main) instead of OLD and NEW.",
            HelpName = "rev",
        };
        var format = new Option<string>("--format")
        {
            Description = "text (coloured on a terminal), markdown (a pull-request comment or job summary) or github (workflow annotations).",
            DefaultValueFactory = _ => "text",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong(Formats);
        var color = new Option<string>("--color")
        {
            Description = "Colour the text format: auto (when writing to a terminal and NO_COLOR is unset), always or never.",
            DefaultValueFactory = _ => "auto",
            HelpName = "when",
        };
        color.AcceptOnlyFromAmong(ColorModes);
        var mask = new Option<string[]>("--mask")
        {
            Description = "Also ignore this header or JSON field (any depth); a trailing * matches any rest of the name; "
                + "a name starting with $ is a JSON path, which can enter a string holding JSON ($.messages[*].content#.CallId). Repeatable.",
            HelpName = "name",
        };
        var unmask = new Option<string[]>("--unmask")
        {
            Description = $"Compare this field although it is masked by default. Defaults: {string.Join(", ", VolatileFields.Defaults)}.",
            HelpName = "name",
        };

        var command = new Command(
            "diff",
            """
            Show what changed in meaning between two versions of cassettes. Interactions are
            paired by id and request; JSON bodies are compared as sorted, pretty-printed JSON;
            streams event by event and as the assembled message (text, tool calls, finish
            reason, usage). Ids, timestamps, durations and request ids are masked.
            Exit codes: 0 no semantic change, 1 changes, 2 error.

            Examples:
              cassette diff old.yaml fixtures/openrouter/openrouter-kimi-k2.yaml
              cassette diff fixtures-before fixtures
              cassette diff --git origin/main fixtures
              cassette diff --git origin/main fixtures --format markdown >> "$GITHUB_STEP_SUMMARY"
            """)
        {
            paths, git, format, color, mask, unmask,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            string[] given = parseResult.GetValue(paths) ?? [];
            string? revision = parseResult.GetValue(git);
            VolatileFields fields;
            try
            {
                fields = VolatileFields.Create(parseResult.GetValue(mask) ?? [], parseResult.GetValue(unmask) ?? []);
            }
            catch (ArgumentException e)
            {
                // The message names the path and how to write one; the parameter name means nothing here.
                error.WriteLine(e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
                return ExitCodes.Error;
            }

            bool useColor = parseResult.GetValue(color) switch
            {
                "always" => true,
                "never" => false,
                _ => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
                    && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            };

            if (revision is null && given.Length != 2)
            {
                error.WriteLine("diff needs OLD and NEW, or --git REV [PATH]. Run 'cassette diff --help' for usage.");
                return ExitCodes.Error;
            }

            if (revision is not null && given.Length > 1)
            {
                error.WriteLine("With --git, give at most one PATH: the working-tree files to compare with the revision.");
                return ExitCodes.Error;
            }

            return Run(revision is null ? Sides.FromPaths(given[0], given[1]) : Sides.FromGit(revision, given.Length == 1 ? given[0] : "."),
                new CassetteDiffer(fields), parseResult.GetValue(format)!, useColor, output, error);
        });
        return command;
    }

    private static int Run(Func<List<Sides.Pair>> sides, CassetteDiffer differ, string format, bool color, TextWriter output, TextWriter error)
    {
        List<Sides.Pair> pairs;
        try
        {
            pairs = sides();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or CassetteFormatException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Error;
        }

        bool failed = false;
        int compared = 0;
        var diffs = new List<CassetteDiff>();
        foreach (var pair in pairs)
        {
            try
            {
                string? oldText = pair.ReadOld();
                string? newText = pair.ReadNew();
                if (pair.SkipIfNotCassette && !CassetteText.LooksLikeCassette(newText ?? oldText ?? ""))
                {
                    continue;
                }

                compared++;
                var oldCassette = oldText is null ? null : CassetteFile.Parse(oldText, pair.OldName);
                var newCassette = newText is null ? null : CassetteFile.Parse(newText, pair.NewName);
                if (differ.Compare(pair.Path, oldCassette, oldText, newCassette, newText) is { } diff)
                {
                    diffs.Add(diff);
                }
            }
            catch (Exception e) when (e is CassetteFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                error.WriteLine(e.Message);
                failed = true;
            }
        }

        switch (format)
        {
            case "markdown":
                MarkdownDiffRenderer.Render(diffs, compared, output);
                break;
            case "github":
                GithubDiffRenderer.Render(diffs, compared, output);
                break;
            default:
                TextDiffRenderer.Render(diffs, compared, output, color);
                break;
        }

        return failed ? ExitCodes.Error : diffs.Count > 0 ? ExitCodes.Found : ExitCodes.Success;
    }
}

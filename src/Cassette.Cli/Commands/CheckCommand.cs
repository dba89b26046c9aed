using System.CommandLine;
using Cassette.Cli.Checking;

namespace Cassette.Cli.Commands;

/// <summary><c>cassette check</c>: finds cassettes that are unreadable, not canonical, inconsistent or leak credentials.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Cassette files, or folders to search for *.yaml files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var strict = new Option<bool>("--strict")
        {
            Description = $"Report every problem, also those a {AllowList.FileName} file allows.",
        };
        var format = new Option<string>("--format")
        {
            Description = "text (file:line: rule: message) or github (workflow error annotations).",
            DefaultValueFactory = _ => "text",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong("text", "github");

        var command = new Command(
            "check",
            $"""
            Check cassettes: each parses as go-vcr version 2, is canonical (as 'format --check'),
            has content_length values that agree with the bodies, and holds no credentials
            (credential headers, bearer tokens, sk-/AIza/xai-/gsk_/AKIA keys, key=... in URLs).
            One line per problem: file:line: rule: message. Known, deliberate deviations are
            listed in a {AllowList.FileName} file in the cassette's folder or above, one
            "RULE PATH [INTERACTION]" per line (rules: {string.Join(", ", CheckRule.All)}).
            Exit codes: 0 no problems, 1 problems found, 2 error (missing path, bad allow list).

            Examples:
              cassette check fixtures
              cassette check --strict fixtures/openrouter/openrouter-kimi-k2.yaml
            """)
        {
            paths, strict, format,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(paths)!,
            parseResult.GetValue(strict),
            parseResult.GetValue(format) == "github",
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, bool strict, bool github, TextWriter output, TextWriter error)
    {
        bool failed = false;
        int files = 0;
        int reported = 0;
        int allowed = 0;
        var filesWithProblems = new HashSet<string>(StringComparer.Ordinal);
        var allowLists = new Dictionary<string, AllowList?>(StringComparer.Ordinal);
        var checkedFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in CassettePaths.Expand(paths, error, () => failed = true))
        {
            List<CheckProblem> problems;
            List<(int Line, string Text)> notes;
            AllowList? allowList;
            try
            {
                allowList = strict ? null : AllowList.Find(file, allowLists);
                problems = CassetteChecker.Check(file, out notes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                error.WriteLine(e.Message);
                failed = true;
                continue;
            }

            files++;
            checkedFiles.Add(Path.GetFullPath(file));
            foreach (var (line, note) in notes)
            {
                output.WriteLine(github
                    ? GithubCommands.Annotation("notice", file, line, "cassette check: note", note)
                    : $"{file}:{line}: note: {note}");
            }

            foreach (var problem in problems)
            {
                if (allowList?.Allows(problem) == true)
                {
                    allowed++;
                    continue;
                }

                reported++;
                filesWithProblems.Add(file);
                output.WriteLine(github
                    ? GithubCommands.Annotation("error", file, problem.Line, $"cassette check: {problem.Rule}", problem.Message)
                    : problem.ToString());
            }
        }

        foreach (var allowList in allowLists.Values.OfType<AllowList>().Distinct())
        {
            foreach (string unused in allowList.Unused(checkedFiles))
            {
                error.WriteLine($"warning: {unused}");
            }
        }

        if (files == 0 && failed)
        {
            // Nothing was checked: a summary would read as a clean result next to the error.
            return ExitCodes.Error;
        }

        string allowedText = allowed > 0 ? $" ({allowed} known {(allowed == 1 ? "deviation" : "deviations")} allowed)" : "";
        output.WriteLine(reported == 0
            ? $"{files} {(files == 1 ? "cassette" : "cassettes")} checked: no problems{allowedText}."
            : $"{reported} {(reported == 1 ? "problem" : "problems")} in {filesWithProblems.Count} of {files} {(files == 1 ? "cassette" : "cassettes")}{allowedText}.");
        return failed ? ExitCodes.Error : reported > 0 ? ExitCodes.Found : ExitCodes.Success;
    }
}

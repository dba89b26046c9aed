using System.Globalization;
using System.Reflection;
using System.Text;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Cassette.Xunit;

/// <summary>
/// Gives each test a cassette of its own: <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;.yaml</c>, opened
/// before the test in the mode <c>CASSETTE_MODE</c> asks for, and, when the test ends, saved (in
/// the record modes) and checked: recorded interactions that the test never replayed fail it,
/// unless <see cref="AllowUnplayed"/> is set. Inside the test, <see cref="XunitCassette.Current"/>
/// is the session: <c>using var http = XunitCassette.Current.CreateHttpClient();</c>.
/// </summary>
/// <remarks>
/// Put it on a test method, a test class, or the assembly. A test class that implements
/// <see cref="IConfigureCassette"/> adjusts the options of its tests' cassettes. Failures at the
/// end of a test are reported beside the test's own failure, never in place of it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UseCassetteAttribute : BeforeAfterTestAttribute
{
    // The storage is shared by every test of the run: each test's session goes under its own key.
    internal static string StorageKey(ITest test) => "Cassette.Xunit.Session/" + test.UniqueID;

    /// <summary>
    /// The folder of the cassettes. A relative path is taken from the test project's folder (the
    /// nearest folder above the test binaries that holds a project file), so that recordings land
    /// in the source tree rather than in <c>bin</c>.
    /// </summary>
    /// <value><c>fixtures</c>.</value>
    public string Root { get; set; } = "fixtures";

    /// <summary>The cassette file, relative to <see cref="Root"/>; <see langword="null"/> names it after the test.</summary>
    /// <value><see langword="null"/>: <c>&lt;Class&gt;/&lt;Method&gt;.yaml</c>, and for a theory row <c>&lt;Class&gt;/&lt;Method&gt;(&lt;arguments&gt;).yaml</c>.</value>
    public string? Path { get; set; }

    /// <summary>Whether the test may end with recorded interactions it never replayed.</summary>
    /// <value><see langword="false"/>: such a test fails, so stale recordings are noticed.</value>
    public bool AllowUnplayed { get; set; }

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        ArgumentNullException.ThrowIfNull(test);
        var context = TestContext.Current;
        var options = new CassetteSessionOptions
        {
            Mode = CassetteModeExtensions.FromEnvironment(),
            FailOnUnplayedInteractions = !AllowUnplayed,
        };
        options.Recording.OnWarning = context.AddWarning;
        (context.TestClassInstance as IConfigureCassette)?.ConfigureCassette(options);
        string path = CassettePath(test, methodUnderTest);
        context.KeyValueStorage[StorageKey(test)] = CassetteSession.Open(path, options);
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        var context = TestContext.Current;
        if (!context.KeyValueStorage.TryRemove(StorageKey(test), out object? value) || value is not CassetteSession session)
        {
            return;
        }

        // When the test already failed, its own error is the one to read: the interactions it did
        // not replay follow from it.
        session.Close(checkUnplayed: context.TestState?.Result != TestResult.Failed);
    }

    internal string CassettePath(IXunitTest test, MethodInfo method)
    {
        string root = System.IO.Path.IsPathRooted(Root) ? Root : System.IO.Path.Combine(ProjectFolder.Value, Root);
        if (Path is not null)
        {
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(root, Path));
        }

        string className = test.TestCase.TestClassSimpleName ?? method.DeclaringType?.Name ?? "Tests";
        string name = method.Name;
        if (test.TestMethodArguments.Length > 0)
        {
            name += "(" + string.Join(", ", test.TestMethodArguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "null")) + ")";
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(root, SafeFileName(className), SafeFileName(name) + ".yaml"));
    }

    private static readonly Lazy<string> ProjectFolder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.*proj").Any())
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    });

    private static string SafeFileName(string name)
    {
        var invalid = System.IO.Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            sb.Append(invalid.Contains(c) || char.IsControl(c) ? '_' : c);
        }

        string safe = sb.ToString().Trim();
        return safe.Length > 150 ? safe[..150] : safe;
    }
}

namespace Cassette.Tests.Support;

/// <summary>Paths of the committed fixtures, found from the test binaries upward.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's <c>fixtures/</c> folder.</summary>
    public static string Root => s_root.Value;

    public static string Seeds => Path.Combine(Root, "openrouter");

    public static string Corpus => Path.Combine(Root, "corpus");

    public static string Golden => Path.Combine(Root, "golden");

    /// <summary>Cassettes written by go-vcr v3 in its every-field dialect.</summary>
    public static string GoVcrV3 => Path.Combine(Root, "dialects", "go-vcr-v3");

    public static string Seed(string name) => Path.Combine(Seeds, name);

    /// <summary>The four streamed seeds, written in go-vcr's 4-space compact layout.</summary>
    public static IEnumerable<string> StreamingSeeds =>
        Directory.EnumerateFiles(Seeds, "tool_streaming_*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> AllSeeds =>
        Directory.EnumerateFiles(Seeds, "*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> CorpusFiles =>
        Directory.EnumerateFiles(Corpus, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static IEnumerable<string> GoVcrV3Files =>
        Directory.EnumerateFiles(GoVcrV3, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>
    /// The go-vcr v3 files edited by hand upstream, relative to <see cref="Root"/>: go-vcr v3 would
    /// write them differently (see <c>fixtures/dialects/README.md</c>).
    /// </summary>
    public static IReadOnlySet<string> GoVcrV3HandEdited { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        GoVcrV3Recordings + "TestLoginWithAuthCodeWithPKCE/Should_support_setting_a_redirect_uri.yaml",
        GoVcrV3Recordings + "TestLoginWithClientCredentials/Should_allow_overriding_clientid.yaml",
        GoVcrV3Recordings + "TestLoginWithClientCredentials/Should_allow_sending_extra_parameters.yaml",
        GoVcrV3Recordings + "TestLoginWithClientCredentials/Should_return_tokens.yaml",
        GoVcrV3Recordings + "TestLoginWithClientCredentials/Should_support_passing_private_key_jwt_auth.yaml",
        GoVcrV3Recordings + "TestLoginWithClientCredentials/Should_support_using_private_key_jwt_auth.yaml",
        GoVcrV3Recordings + "TestRefreshToken/Should_return_tokens.yaml",
        GoVcrV3Recordings + "TestRevokeRefreshToken/Should_revoke_token.yaml",
        GoVcrV3Recordings + "TestRevokeRefreshToken/Should_support_passing_a_ClientID_and_ClientSecret.yaml",
    };

    /// <summary>The folder of the go-vcr v3 files, relative to <see cref="Root"/>.</summary>
    public const string GoVcrV3Recordings = "dialects/go-vcr-v3/test/data/recordings/authentication/";

    public static IEnumerable<string> GoldenFiles =>
        Directory.EnumerateFiles(Golden, "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>A path relative to <see cref="Root"/>, for test case names.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public static string FromRelative(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cassette.sln")))
            {
                return Path.Combine(dir.FullName, "fixtures");
            }
        }

        throw new InvalidOperationException(
            $"Could not find Cassette.sln above \"{AppContext.BaseDirectory}\"; the tests read the committed fixtures/ folder.");
    }
}

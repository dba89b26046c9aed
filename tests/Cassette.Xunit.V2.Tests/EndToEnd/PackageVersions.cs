using System.Xml.Linq;

namespace Cassette.Xunit.Tests.EndToEnd;

/// <summary>
/// The versions the inner project uses, read from the repository's <c>Directory.Packages.props</c>:
/// the oldest xunit 2 is the lower bound of the adapter's dependency (what it is compiled
/// against), the newest the one these tests use.
/// </summary>
internal static class PackageVersions
{
    public static string OldestXunit => LowerBound(Of("xunit.extensibility.execution"));

    public static string NewestXunit => Of("xunit");

    public static string Of(string package) =>
        (string)XDocument.Load(Path.Combine(InnerRun.RepositoryDirectory(), "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == package)
            .Attribute("Version")!;

    // "[2.4.1, 3.0.0)" gives "2.4.1".
    private static string LowerBound(string range) => range.TrimStart('[').Split(',')[0].Trim();
}

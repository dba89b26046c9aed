using System.Globalization;
using System.Reflection;
using System.Text;

namespace Cassette;

/// <summary>
/// Where cassette files go: a relative path is taken from the folder of the test project, so
/// that recordings land in the source tree, where they are committed and checked, not under
/// <c>bin</c>.
/// </summary>
/// <remarks>
/// The project folder is stamped into the test assembly when it is built (the package's
/// <c>buildTransitive</c> props add an <see cref="AssemblyMetadataAttribute"/> named
/// <c>Cassette.ProjectDirectory</c>). When the assembly has no stamp (a project that turned off
/// <c>GenerateAssemblyInfo</c>) or the folder no longer exists (tests run from a copied build
/// output), relative paths are taken from the working directory instead.
/// </remarks>
public static class CassettePath
{
    internal const string ProjectDirectoryKey = "Cassette.ProjectDirectory";

    /// <summary>The full path of a cassette file, a relative path taken from the folder of the project that built <paramref name="assembly"/>.</summary>
    /// <param name="path">The cassette file, absolute or relative.</param>
    /// <param name="assembly">The test assembly.</param>
    public static string Resolve(string path, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(assembly);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(ProjectDirectory(assembly), path));
    }

    /// <summary>
    /// The cassette of one test: <c>&lt;root&gt;/&lt;className&gt;/&lt;methodName&gt;.yaml</c>, and
    /// for a test with arguments <c>&lt;methodName&gt;(&lt;arguments&gt;).yaml</c>, resolved as
    /// <see cref="Resolve"/> does. Characters a file name cannot hold become <c>_</c>.
    /// </summary>
    /// <param name="testAssembly">The test assembly, whose project folder a relative <paramref name="root"/> is taken from.</param>
    /// <param name="root">The folder of the cassettes, such as <c>fixtures</c>.</param>
    /// <param name="className">The test class's name, without its namespace.</param>
    /// <param name="methodName">The test method's name.</param>
    /// <param name="arguments">The test's arguments (a theory's row), or none.</param>
    public static string ForTest(Assembly testAssembly, string root, string className, string methodName, IReadOnlyList<object?>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(className);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        string name = methodName;
        if (arguments is { Count: > 0 })
        {
            name += "(" + string.Join(", ", arguments.Select(a => a is null ? "null" : Convert.ToString(a, CultureInfo.InvariantCulture))) + ")";
        }

        return Resolve(Path.Combine(root, SafeFileName(className), SafeFileName(name) + ".yaml"), testAssembly);
    }

    /// <summary>The file beside a cassette that a failed recording run writes: <c>chat.yaml</c> gives <c>chat.partial.yaml</c>.</summary>
    internal static string Partial(string cassettePath) =>
        Path.Combine(Path.GetDirectoryName(cassettePath)!, Path.GetFileNameWithoutExtension(cassettePath) + ".partial" + Path.GetExtension(cassettePath));

    private static string ProjectDirectory(Assembly assembly)
    {
        foreach (var metadata in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == ProjectDirectoryKey && !string.IsNullOrEmpty(metadata.Value) && Directory.Exists(metadata.Value))
            {
                return metadata.Value;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var safe = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            safe.Append(invalid.Contains(c) || char.IsControl(c) ? '_' : c);
        }

        string text = safe.ToString().Trim();
        return text.Length > 150 ? text[..150] : text;
    }
}

using System.Collections.Immutable;
using System.Text;

namespace Cassette;

/// <summary>
/// A go-vcr <c>version: 2</c> cassette: the list of recorded interactions and the YAML layout
/// it is written in. Loads every cassette go-vcr writes and saves the very bytes go-vcr would.
/// </summary>
/// <remarks>
/// <para>
/// Interactions that are still the instances that were loaded keep their original text when
/// the cassette is saved, so adding one interaction to an old cassette changes nothing else in
/// the file. <see cref="ToCanonicalYaml"/> writes every interaction afresh instead.
/// </para>
/// <para>
/// go-vcr reads only a file's first YAML document; documents that follow it (some test suites
/// append their own) are kept byte for byte at the end of the file when it is saved. A
/// <c>version: 1</c> cassette (go-vcr v1 and v2) loads and replays with every recorded value,
/// but is not saved: <c>cassette format --write --upgrade</c> converts it to version 2.
/// </para>
/// <para>
/// <see cref="Interactions"/> is an immutable snapshot: reading it is safe while a
/// <see cref="RecordingHandler"/> adds interactions from other threads, and
/// <see cref="Add"/> may be called from several threads at once.
/// </para>
/// </remarks>
public sealed class CassetteFile
{
    private const string DocumentStart = "---\nversion: 2\n";

    private readonly object _gate = new();
    private ImmutableList<Interaction> _interactions = [];

    // Original text of loaded interactions, from the line after "- id: N" to the end of the
    // interaction, keyed by instance: interactions are immutable, so the same instance means
    // the same values.
    private readonly Dictionary<Interaction, ReadOnlyMemory<char>> _originalText = new(ReferenceEqualityComparer.Instance);
    private readonly CassetteLayout _originalLayout;
    private readonly CassetteDialect _originalDialect;

    /// <summary>Creates an empty cassette.</summary>
    /// <param name="layout">The layout to write it in: go-vcr's 4-space compact layout by default.</param>
    public CassetteFile(CassetteLayout layout = CassetteLayout.Compact4)
    {
        Layout = layout;
        _originalLayout = layout;
    }

    private CassetteFile(CassetteReader.Result result, string? path)
        : this(result.Layout)
    {
        Path = path;
        Dialect = result.Dialect;
        _originalDialect = result.Dialect;
        Version = result.Version;
        Trailing = result.Trailing;
        _interactions = [.. result.Interactions];
        foreach (var (interaction, text) in result.OriginalText)
        {
            _originalText[interaction] = text;
        }
    }

    /// <summary>
    /// The interactions, in file order; ids are their positions in this list. A snapshot: later
    /// additions do not change a list already read. Setting it replaces every interaction; do
    /// that only while nothing records into the cassette, or an interaction added meanwhile is lost.
    /// </summary>
    /// <exception cref="ArgumentException">The new list holds a <see langword="null"/> interaction.</exception>
    public IReadOnlyList<Interaction> Interactions
    {
        get => Volatile.Read(ref _interactions);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var interactions = ImmutableList.CreateRange(value);
            if (interactions.Contains(null!))
            {
                throw new ArgumentException($"Interaction {interactions.IndexOf(null!)} of the new list is null.", nameof(value));
            }

            lock (_gate)
            {
                _interactions = interactions;
            }
        }
    }

    /// <summary>Adds an interaction at the end. Safe to call from several threads at once.</summary>
    public void Add(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        lock (_gate)
        {
            _interactions = _interactions.Add(interaction);
        }
    }

    /// <summary>The layout the cassette is saved in: the layout it was loaded with, unless changed.</summary>
    public CassetteLayout Layout { get; set; }

    /// <summary>
    /// Which empty fields the cassette is saved with: the dialect of the go-vcr version that wrote
    /// the loaded file (<see cref="CassetteDialect.EveryField"/> when it writes out empty fields, as
    /// go-vcr v3 does), unless changed; <see cref="CassetteDialect.OmitEmpty"/> for a new cassette.
    /// </summary>
    public CassetteDialect Dialect { get; set; }

    /// <summary>The file this cassette was loaded from, if any.</summary>
    public string? Path { get; }

    /// <summary>The format version the cassette was read in: 2, or 1 for go-vcr v1 and v2's cassettes until <see cref="UpgradeToVersion2"/>.</summary>
    internal int Version { get; private set; } = 2;

    /// <summary>The YAML documents that followed the cassette's own in its file, written back after it; <see langword="null"/> when there were none.</summary>
    internal TrailingDocuments? Trailing { get; set; }

    /// <summary>
    /// Makes a version 1 cassette a version 2 one: every value is kept and what version 1 did
    /// not record is filled in (see <see cref="VersionOneUpgrade"/>). Does nothing to version 2.
    /// </summary>
    internal void UpgradeToVersion2()
    {
        if (Version == 1)
        {
            Interactions = [.. Interactions.Select(VersionOneUpgrade.Upgrade)];
            Version = 2;
        }
    }

    /// <summary>Reads a cassette file.</summary>
    /// <exception cref="CassetteFormatException">The file is not a valid <c>version: 2</c> or <c>version: 1</c> cassette.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CassetteFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromBytes(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a cassette file.</summary>
    /// <exception cref="CassetteFormatException">The file is not a valid <c>version: 2</c> or <c>version: 1</c> cassette.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<CassetteFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return FromBytes(bytes, path);
    }

    /// <summary>Reads a cassette from its YAML text.</summary>
    /// <param name="yaml">The cassette text.</param>
    /// <param name="sourceName">A name for the text in error messages, such as a file path.</param>
    /// <exception cref="CassetteFormatException">The text is not a valid <c>version: 2</c> or <c>version: 1</c> cassette.</exception>
    public static CassetteFile Parse(string yaml, string sourceName = "cassette")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new CassetteFile(CassetteReader.Read(yaml, sourceName), path: null);
    }

    /// <summary>
    /// The cassette's text as it will be saved: unchanged loaded interactions keep their original
    /// text, every other interaction is written exactly as go-vcr would write it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cassette was loaded from a <c>version: 1</c> file, which Cassette does not write.</exception>
    public string ToYaml() => Write(keepOriginalText: Layout == _originalLayout && Dialect == _originalDialect);

    /// <summary>The cassette's text with every interaction written afresh, exactly as go-vcr would write it.</summary>
    /// <exception cref="InvalidOperationException">The cassette was loaded from a <c>version: 1</c> file, which Cassette does not write.</exception>
    public string ToCanonicalYaml() => Write(keepOriginalText: false);

    /// <summary>
    /// Saves the cassette as <see cref="ToYaml"/> gives it. The file is written beside the target
    /// and then renamed over it, so a crash never leaves a half-written cassette; missing
    /// folders are created.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cassette was loaded from a <c>version: 1</c> file, which Cassette does not write.</exception>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToYaml()));
    }

    private string Write(bool keepOriginalText)
    {
        if (Version == 1)
        {
            // Writing version 1 would lose what new interactions record, and writing a loaded
            // one as version 2 would invent values behind the user's back: upgrading is a step
            // the user takes, with 'cassette format --upgrade'.
            throw new InvalidOperationException(VersionOneUpgrade.SaveRefused(Path));
        }

        var interactions = Interactions;
        var output = new StringBuilder(DocumentStart, 4096);
        if (interactions.Count == 0)
        {
            return output.Append("interactions: []\n").Append(Trailing?.Text).ToString();
        }

        output.Append("interactions:\n");
        int dashColumn = CassetteWriter.InteractionDashColumn(Layout);
        for (int id = 0; id < interactions.Count; id++)
        {
            var interaction = interactions[id];
            if (keepOriginalText && _originalText.TryGetValue(interaction, out var text))
            {
                output.Append(' ', dashColumn).Append("- id: ").Append(id).Append('\n').Append(text);
            }
            else
            {
                CassetteWriter.WriteInteraction(output, id, interaction, Layout, Dialect);
            }
        }

        return output.Append(Trailing?.Text).ToString();
    }

    /// <summary>Reads a cassette from the bytes of a file.</summary>
    internal static CassetteFile FromBytes(byte[] bytes, string path)
    {
        string text;
        try
        {
            text = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            int index = Math.Clamp(e.Index, 0, bytes.Length);
            int lineStart = bytes.AsSpan(0, index).LastIndexOf((byte)'\n') + 1;
            int line = bytes.AsSpan(0, lineStart).Count((byte)'\n') + 1;
            int column = s_lenientUtf8.GetCharCount(bytes, lineStart, index - lineStart) + 1;
            throw new CassetteFormatException(path, line, column,
                "The file is not valid UTF-8 here. Cassettes are UTF-8 text; a body that is not UTF-8 is stored as !!binary base64.", e);
        }

        return new CassetteFile(CassetteReader.Read(text, path), path);
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding s_lenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
}

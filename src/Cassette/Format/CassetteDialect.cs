namespace Cassette;

/// <summary>
/// Which fields a cassette writes when their value is empty. go-vcr changed this in v4.0.3;
/// a loaded cassette is saved back in its own dialect, so files shared with a Go project keep
/// the shape that project's go-vcr gives them.
/// </summary>
public enum CassetteDialect
{
    /// <summary>
    /// Empty fields are left out (no <c>transfer_encoding: []</c>, <c>remote_addr: ""</c>,
    /// <c>uncompressed: false</c>): what go-vcr v4.0.3 and later write, and the default for new cassettes.
    /// </summary>
    OmitEmpty,

    /// <summary>
    /// Every field is written, empty ones too (<c>transfer_encoding: []</c>, <c>trailer: {}</c>,
    /// <c>remote_addr: ""</c>, <c>form: {}</c>, <c>uncompressed: false</c>): what go-vcr v3 and
    /// go-vcr v4 up to v4.0.2 write.
    /// </summary>
    EveryField,
}

namespace Cassette;

/// <summary>One part of a <c>multipart/*</c> body: what its headers say it is, and its bytes.</summary>
/// <param name="Name">The <c>name</c> of its <c>Content-Disposition</c>, or <see langword="null"/>.</param>
/// <param name="FileName">The <c>filename</c> (or <c>filename*</c>) of its <c>Content-Disposition</c>, or <see langword="null"/>.</param>
/// <param name="ContentType">Its <c>Content-Type</c>, or <see langword="null"/> when it has none.</param>
/// <param name="Content">The bytes between its headers and the next boundary.</param>
internal sealed record MultipartPart(string? Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>How a report names the part, such as <c>part 2 (name="model")</c>; numbered from 1.</summary>
    public string Label(int index) => Name is null ? $"part {index + 1}" : $"part {index + 1} (name=\"{Name}\")";

    /// <summary>The label with the file name and content type, such as <c>part 1 (name="file"), filename "a.wav", Content-Type audio/wav</c>.</summary>
    public string Heading(int index) =>
        Label(index) + (FileName is null ? "" : $", filename \"{FileName}\"") + (ContentType is null ? "" : $", Content-Type {ContentType}");
}

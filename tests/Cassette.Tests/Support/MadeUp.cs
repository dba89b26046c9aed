using System.Globalization;
using System.Security.Cryptography;

namespace Cassette.Tests.Support;

/// <summary>
/// Values a provider or an SDK makes up afresh on every call (ids, signatures, timestamps,
/// timings), so that two recordings of the same conversation differ only in them.
/// </summary>
internal static class MadeUp
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><paramref name="prefix"/> followed by <paramref name="length"/> random letters and digits, like <c>chatcmpl-…</c> or <c>toolu_…</c>.</summary>
    public static string Id(string prefix, int length = 24) => prefix + RandomNumberGenerator.GetString(Alphanumeric, length);

    public static string Hex(int length) => RandomNumberGenerator.GetHexString(length, lowercase: true);

    /// <summary>Random bytes in base 64, like an Anthropic thinking signature.</summary>
    public static string Base64(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static long Number(long min, long max) => Random.Shared.NextInt64(min, max);

    public static string Text(long min, long max) => Number(min, max).ToString(CultureInfo.InvariantCulture);

    /// <summary>A Unix time in seconds some time in 2025.</summary>
    public static long UnixSeconds() => Number(1_735_689_600, 1_767_225_600);

    /// <summary>An RFC 3339 time with nanoseconds some time in 2025, as Ollama writes <c>created_at</c>.</summary>
    public static string Rfc3339() =>
        DateTimeOffset.FromUnixTimeSeconds(UnixSeconds()).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
        + "." + Text(100_000_000, 999_999_999) + "Z";
}

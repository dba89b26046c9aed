using System.Text;

namespace Cassette.Tests.Support;

/// <summary>Reads a stream to its end with a large buffer, keeping what each read returned as UTF-8 text.</summary>
internal static class StreamReads
{
    public static async Task<List<string>> AllAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reads = new List<string>();
        byte[] buffer = new byte[1 << 20];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            reads.Add(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reads;
    }

    public static List<string> All(Stream stream)
    {
        var reads = new List<string>();
        byte[] buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            reads.Add(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reads;
    }
}

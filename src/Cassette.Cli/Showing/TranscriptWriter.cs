using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cassette.Cli.Semantics;


namespace Cassette.Cli.Showing;

/// <summary>
/// Writes a cassette as a transcript a person can read: for chat requests the model, tools and
/// messages; for streamed chat responses the assembled message; other JSON pretty-printed.
/// </summary>
internal static class TranscriptWriter
{
    private const string Indent = "    ";

    public static void Write(CassetteFile cassette, string name, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        ArgumentNullException.ThrowIfNull(output);
        int count = cassette.Interactions.Count;
        output.WriteLine($"{name}: {count} {(count == 1 ? "interaction" : "interactions")}");
        foreach (var (_, note) in CassetteNotes.All(cassette, name))
        {
            output.WriteLine($"note: {note}");
        }

        for (int id = 0; id < count; id++)
        {
            var interaction = cassette.Interactions[id];
            output.WriteLine();
            output.WriteLine($"interaction {id}: {interaction.Request.Method} {interaction.Request.Url}");
            if (JsonRpcBody.Request(interaction.Request) is { } call)
            {
                WriteJsonRpc(call, interaction.Response, output);
                continue;
            }

            WriteRequest(interaction.Request, output);
            WriteResponse(interaction.Response, output);
        }
    }

    private static void WriteRequest(RecordedRequest request, TextWriter output)
    {
        if (JsonNodes.TryParse(request.Body.Span, out var node) && node is JsonObject body && ChatMessages(body) is { } messages)
        {
            var facts = new List<string>();
            if (Text(body["model"]) is { } model)
            {
                facts.Add($"model {model}");
            }

            if (body["stream"] is JsonValue stream && stream.TryGetValue(out bool streamed) && streamed)
            {
                facts.Add("streamed");
            }

            var tools = ToolNames(body).ToList();
            if (tools.Count > 0)
            {
                facts.Add($"tools: {string.Join(", ", tools)}");
            }

            output.WriteLine($"  request: {(facts.Count > 0 ? string.Join(", ", facts) : "chat")}");
            foreach (var (role, text) in messages)
            {
                WriteLabeled(output, role, text);
            }
        }
        else if (MultipartBody.TryParse(MultipartBody.ContentType(request), request.Body) is { } parts)
        {
            output.WriteLine($"  request: multipart, {parts.Count} {(parts.Count == 1 ? "part" : "parts")}");
            for (int i = 0; i < parts.Count; i++)
            {
                output.WriteLine($"{Indent}{parts[i].Heading(i)}:");
                WriteBody(parts[i].Content, output, Indent + "  ");
            }
        }
        else
        {
            output.WriteLine("  request:");
            WriteBody(request.Body, output);
        }
    }

    private static void WriteResponse(RecordedResponse response, TextWriter output)
    {
        var events = StreamBody.Parse(response.Headers, response.Body);
        output.WriteLine(ResponseLine(response, events));
        if (events is null)
        {
            WriteBody(response.Body, output);
        }
        else if (MessageAssembler.TryAssemble(events) is { } message)
        {
            WriteMessage(message, output);
        }
        else
        {
            foreach (var sse in events)
            {
                string data = JsonNodes.TryParse(sse.Data, out var eventNode) ? JsonNodes.ToCompactText(eventNode) : sse.Data;
                output.WriteLine(Indent + (sse.EventType == "message" ? "" : $"event: {sse.EventType} ") + data.ReplaceLineEndings(" "));
            }
        }
    }

    /// <summary>The response's status, content type, number of events when streamed, and duration.</summary>
    private static string ResponseLine(RecordedResponse response, List<StreamEvent>? events)
    {
        var facts = new List<string> { StatusLine.Of(response) };
        if (response.Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value is [var contentType, ..])
        {
            facts.Add(contentType);
        }

        if (events is not null)
        {
            facts.Add($"{events.Count} {(events.Count == 1 ? "event" : "events")}");
        }

        facts.Add(response.Duration.ToString());
        return $"  response: {string.Join(", ", facts)}";
    }

    /// <summary>A JSON-RPC exchange (MCP's): the method and what it is about, then the result or error, however the response was framed.</summary>
    private static void WriteJsonRpc(JsonObject call, RecordedResponse response, TextWriter output)
    {
        output.WriteLine($"  request: JSON-RPC {McpText.Request(call)}");
        if (JsonRpcBody.Messages(response) is not { } messages)
        {
            WriteResponse(response, output);
            return;
        }

        output.WriteLine(ResponseLine(response, StreamBody.Parse(response.Headers, response.Body)));
        foreach (string line in McpText.Response(JsonRpcBody.Text(call["method"]), messages))
        {
            output.WriteLine(Indent + line.ReplaceLineEndings(" "));
        }
    }

    private static void WriteMessage(AssembledMessage message, TextWriter output)
    {
        if (message.Reasoning.Length > 0)
        {
            WriteLabeled(output, "reasoning", message.Reasoning);
        }

        if (message.Content.Length > 0 || message.ToolCalls.Count == 0)
        {
            WriteLabeled(output, "assistant", message.Content);
        }

        foreach (var call in message.ToolCalls)
        {
            output.WriteLine($"{Indent}tool call {ToolCallText(call.Name, call.Arguments, call.Id)}");
        }

        if (message.FinishReason is { } finish)
        {
            output.WriteLine($"{Indent}finish reason: {finish}");
        }

        if (message.Usage is JsonObject usage)
        {
            var numbers = usage.Where(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                .Select(p => $"{p.Key} {JsonNodes.ToCompactText(p.Value)}");
            output.WriteLine($"{Indent}usage: {string.Join(", ", numbers)}");
        }
    }

    private static void WriteBody(ReadOnlyMemory<byte> body, TextWriter output, string indent = Indent)
    {
        if (body.IsEmpty)
        {
            output.WriteLine($"{indent}(no body)");
            return;
        }

        string text;
        if (JsonLines.Parse(body, VolatileFields.None) is { } tree)
        {
            text = JsonCanonicalizer.Write(tree, indented: true);
        }
        else
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
            }
            catch (DecoderFallbackException)
            {
                output.WriteLine($"{indent}({body.Length.ToString(CultureInfo.InvariantCulture)} bytes of binary data)");
                return;
            }
        }

        foreach (string line in text.TrimEnd('\n').Split('\n'))
        {
            output.WriteLine(line.Length == 0 ? "" : indent + line);
        }
    }

    private static void WriteLabeled(TextWriter output, string label, string text)
    {
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        string continuation = new(' ', Indent.Length + label.Length + 2);
        output.WriteLine($"{Indent}{label}: {lines[0]}".TrimEnd());
        foreach (string line in lines.Skip(1))
        {
            output.WriteLine(line.Length == 0 ? "" : continuation + line);
        }
    }

    /// <summary>The messages of a chat request (OpenAI chat, Anthropic, Gemini, OpenAI Responses), or null when it is not one.</summary>
    private static List<(string Role, string Text)>? ChatMessages(JsonObject body)
    {
        var messages = new List<(string, string)>();
        if (body["system"] is { } system)
        {
            messages.Add(("system", ContentText(system)));
        }

        if (body["systemInstruction"] is { } instruction)
        {
            messages.Add(("system", ContentText(instruction["parts"] ?? instruction)));
        }

        if (Text(body["instructions"]) is { } instructions)
        {
            messages.Add(("system", instructions));
        }

        JsonArray? list = body["messages"] as JsonArray ?? body["contents"] as JsonArray ?? body["input"] as JsonArray;
        if (list is null)
        {
            if (Text(body["input"]) is { } input && body["model"] is not null)
            {
                messages.Add(("user", input));
                return messages;
            }

            return null;
        }

        foreach (var message in list.OfType<JsonObject>())
        {
            string role = Text(message["role"]) ?? Text(message["type"]) ?? "message";
            if (Text(message["tool_call_id"]) is { } callId)
            {
                role = $"{role} ({callId})";
            }

            string text = ContentText(message["content"] ?? message["parts"] ?? message["output"]);
            if (Text(message["type"]) == "function_call")
            {
                text = "tool call " + ToolCallText(Text(message["name"]) ?? "", Text(message["arguments"]) ?? "", Text(message["call_id"]));
            }

            foreach (var call in (message["tool_calls"] as JsonArray ?? []).OfType<JsonObject>())
            {
                text += (text.Length > 0 ? "\n" : "") + "tool call "
                    + ToolCallText(Text(call["function"]?["name"]) ?? "", Text(call["function"]?["arguments"]) ?? "", Text(call["id"]));
            }

            messages.Add((role, text));
        }

        return messages;
    }

    /// <summary>The text of a message's content: a string, or the parts' texts and tool blocks one per line.</summary>
    private static string ContentText(JsonNode? content)
    {
        if (Text(content) is { } text)
        {
            return text;
        }

        if (content is not JsonArray parts)
        {
            return content is null ? "" : JsonNodes.ToCompactText(content);
        }

        var lines = new List<string>();
        foreach (var part in parts)
        {
            if (Text(part) is { } plain)
            {
                lines.Add(plain);
            }
            else if (part is JsonObject block)
            {
                if (Text(block["text"]) is { } partText)
                {
                    lines.Add(partText);
                }
                else if (Text(block["type"]) == "tool_use" || block["functionCall"] is JsonObject)
                {
                    var call = block["functionCall"] as JsonObject ?? block;
                    lines.Add("tool call " + ToolCallText(Text(call["name"]) ?? "", JsonNodes.ToCompactText(call["input"] ?? call["args"]), Text(call["id"])));
                }
                else if (Text(block["type"]) == "tool_result")
                {
                    lines.Add($"tool result ({Text(block["tool_use_id"])}): {ContentText(block["content"])}");
                }
                else if (block["functionResponse"] is JsonObject response)
                {
                    lines.Add($"tool result ({Text(response["name"])}): {JsonNodes.ToCompactText(response["response"])}");
                }
                else
                {
                    lines.Add(JsonNodes.ToCompactText(block));
                }
            }
        }

        return string.Join("\n", lines);
    }

    private static IEnumerable<string> ToolNames(JsonObject body)
    {
        foreach (var tool in (body["tools"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((Text(tool["function"]?["name"]) ?? Text(tool["name"])) is { } name)
            {
                yield return name;
            }

            foreach (var declaration in (tool["functionDeclarations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(declaration["name"]) is { } declared)
                {
                    yield return declared;
                }
            }
        }
    }

    private static string ToolCallText(string name, string arguments, string? id) =>
        $"{name} {arguments}" + (string.IsNullOrEmpty(id) ? "" : $" (id {id})");

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}

using System.Globalization;

namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// <c>dotnet run -c Release --project tests/Integrations.Benchmarks -- coalescing [--callers 1000] [--rounds 3]</c>:
/// bursts (1, 2, 3, 6, 11 and N callers; slow endpoint, then instant endpoint) of N concurrent cold callers on an expired token, and how many token-endpoint requests each
/// library sends for one burst (the SDK, Google.Apis.Auth's <c>UserCredential</c>, MSAL.NET's
/// <c>AcquireTokenForClient</c>). Counts requests, not time. Exits with 1 if the SDK ever sends more
/// than one request for a burst.
/// </summary>
internal static class CoalescingCommand
{
    public const string Name = "coalescing";

    private static readonly int[] SmallBursts = [1, 2, 3, 6, 11];

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args)
    {
        var (callers, rounds) = Parse(args);
        var bursts = SmallBursts.Append(callers).Distinct().Order().ToArray();
        Console.WriteLine($"Token-endpoint requests per burst of concurrent cold callers on an expired token (fewest–most over {rounds} rounds).");
        Console.WriteLine("The SDK's benchmark provider, and the in-process HTTP endpoint Google.Apis.Auth and MSAL.NET talk to, answer under the same gate.");
        using var host = new TokenBenchmarkHost();
        List<string> failures = [];
        foreach (var held in new[] { true, false })
        {
            Console.WriteLine();
            Console.WriteLine(held
                ? "Slow endpoint: answers once every caller of the burst has started (each caller joins the refresh in flight or sends its own)."
                : "Instant endpoint: answers after one asynchronous hop (late callers may find the new token cached).");
            Console.WriteLine($"{"callers",8} | {"Integrations",12} | {"Google.Apis.Auth",16} | {"MSAL.NET",9} | {"MSAL discovery",14}");
            Console.WriteLine($"{new string('-', 8)}-|-{new string('-', 12)}-|-{new string('-', 16)}-|-{new string('-', 9)}-|-{new string('-', 14)}");
            foreach (var n in bursts)
            {
                await RunBurstsAsync(host, n, rounds, held, failures);
            }
        }

        Console.WriteLine();
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"FAIL: {failure}");
        }

        Console.WriteLine(failures.Count == 0 ? "Integrations sent exactly one token request per burst." : $"{failures.Count} failure(s).");
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task RunBurstsAsync(TokenBenchmarkHost host, int n, int rounds, bool held, List<string> failures)
    {
        List<BurstResult> ours = [], google = [], msal = [];
        for (var round = 0; round < rounds; round++)
        {
            ours.Add(await IntegrationsCoalescing.RunAsync(host, n, held));
            google.Add(await GoogleCoalescing.RunAsync(n, held));
            msal.Add(await MsalCoalescing.RunAsync(n, held));
        }

        foreach (var (library, results) in new[] { ("Google.Apis.Auth", google), ("MSAL.NET", msal) })
        {
            if (results.Any(r => r.OtherRequests != 0))
            {
                failures.Add($"{library} sent {results.Max(r => r.OtherRequests)} unexpected request(s) for {n} callers: the endpoint does not model its HTTP.");
            }
        }

        if (ours.Any(r => r.TokenRequests != 1 || r.DistinctTokens != 1))
        {
            failures.Add($"Integrations sent {Range(ours, r => r.TokenRequests)} token requests (handed out {Range(ours, r => r.DistinctTokens)} distinct tokens) for a burst of {n} callers{(held ? string.Empty : " (instant endpoint)")}; expected 1.");
        }

        Console.WriteLine($"{n,8:N0} | {Range(ours, r => r.TokenRequests),12} | {Range(google, r => r.TokenRequests),16} | {Range(msal, r => r.TokenRequests),9} | {Range(msal, r => r.DiscoveryRequests),14}");
    }

    private static string Range(List<BurstResult> results, Func<BurstResult, long> select)
    {
        var (min, max) = (results.Min(select), results.Max(select));
        return min == max ? min.ToString("N0", CultureInfo.InvariantCulture) : $"{min.ToString("N0", CultureInfo.InvariantCulture)}–{max.ToString("N0", CultureInfo.InvariantCulture)}";
    }

    private static (int Callers, int Rounds) Parse(string[] args)
    {
        var (callers, rounds) = (1000, 3);
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : throw new ArgumentException($"{args[i]} needs a value.");
            (callers, rounds) = args[i] switch
            {
                "--callers" when value > 0 => (value, rounds),
                "--rounds" when value > 0 => (callers, value),
                _ => throw new ArgumentException($"Unknown option or bad value: {args[i]} {args[i + 1]}."),
            };
        }

        return (callers, rounds);
    }
}

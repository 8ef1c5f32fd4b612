using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>The latest entry of each customer in the partition.</summary>
public sealed class PortfolioPartitionState
{
    public Dictionary<string, PortfolioEntry> Entries { get; set; } = [];
}

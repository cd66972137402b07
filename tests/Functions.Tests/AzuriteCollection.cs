using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests;

/// <summary>Tests in this collection share one Azurite started for them.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

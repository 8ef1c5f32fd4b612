using CustomerSuccess.Api.Apis;
using CustomerSuccess.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddCustomerSuccessSerilog(builder.Configuration);
builder.Services.AddCustomerSuccessSilo(builder.Configuration);

var app = builder.Build();
app.MapHealthApi();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

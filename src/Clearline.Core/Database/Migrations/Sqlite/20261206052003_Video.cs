using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Video : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ComparedMatchPercent",
                table: "MediaMatches",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "QueryMatchPercent",
                table: "MediaMatches",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Vpdq",
                table: "KnownHashes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VideoHashes",
                columns: table => new
                {
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Vpdq = table.Column<string>(type: "TEXT", nullable: true),
                    FrameCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondsPerHash = table.Column<double>(type: "REAL", nullable: false),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HashedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoHashes", x => x.MediaSha256);
                    table.ForeignKey(
                        name: "FK_VideoHashes_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VideoHashes_HashedAt",
                table: "VideoHashes",
                column: "HashedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VideoHashes");

            migrationBuilder.DropColumn(
                name: "ComparedMatchPercent",
                table: "MediaMatches");

            migrationBuilder.DropColumn(
                name: "QueryMatchPercent",
                table: "MediaMatches");

            migrationBuilder.DropColumn(
                name: "Vpdq",
                table: "KnownHashes");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExchangeEntryDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AgeGroup",
                table: "KnownHashes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Flags",
                table: "KnownHashes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Gender",
                table: "KnownHashes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Jurisdiction",
                table: "KnownHashes",
                type: "character(2)",
                fixedLength: true,
                maxLength: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NcmecEntries",
                columns: table => new
                {
                    HashListId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    KnownHashId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcmecEntries", x => new { x.HashListId, x.Key });
                    table.ForeignKey(
                        name: "FK_NcmecEntries_HashLists_HashListId",
                        column: x => x.HashListId,
                        principalTable: "HashLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NcmecEntries_KnownHashes_KnownHashId",
                        column: x => x.KnownHashId,
                        principalTable: "KnownHashes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecEntries_KnownHashId",
                table: "NcmecEntries",
                column: "KnownHashId",
                unique: true);

            // Entries pulled before this table existed were found by their source id (the NCMEC key): carry them over.
            migrationBuilder.Sql("""
                INSERT INTO "NcmecEntries" ("HashListId", "Key", "KnownHashId")
                SELECT h."HashListId", h."SourceId", MAX(h."Id") FROM "KnownHashes" h
                WHERE h."TombstonedAt" IS NULL AND h."SourceId" IS NOT NULL
                  AND h."HashListId" IN (SELECT "HashListId" FROM "NcmecSources")
                GROUP BY h."HashListId", h."SourceId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NcmecEntries");

            migrationBuilder.DropColumn(
                name: "AgeGroup",
                table: "KnownHashes");

            migrationBuilder.DropColumn(
                name: "Flags",
                table: "KnownHashes");

            migrationBuilder.DropColumn(
                name: "Gender",
                table: "KnownHashes");

            migrationBuilder.DropColumn(
                name: "Jurisdiction",
                table: "KnownHashes");
        }
    }
}

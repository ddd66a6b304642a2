using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TmpIcse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IcseBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByApiKey = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IncludesHandedOver = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IcseBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IcseBatches_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IcseBatchItems",
                columns: table => new
                {
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IcseBatchItems", x => new { x.BatchId, x.MediaSha256 });
                    table.ForeignKey(
                        name: "FK_IcseBatchItems_IcseBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "IcseBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IcseBatchItems_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IcseBatches_OrganisationId_Id",
                table: "IcseBatches",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_IcseBatchItems_MediaSha256",
                table: "IcseBatchItems",
                column: "MediaSha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IcseBatchItems");

            migrationBuilder.DropTable(
                name: "IcseBatches");
        }
    }
}

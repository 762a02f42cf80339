/** The agency footer of the sample district page (tests/fixtures/sample-page.txt). */
export const seedFooter = {
  siteName: 'HUYỆN PHÚ LƯƠNG TỈNH THÁI NGUYÊN',
  agency: 'Uỷ ban nhân dân Huyện Phú Lương Tỉnh Thái Nguyên',
  address: 'Thị trấn Đu, huyện Phú Lương, tỉnh Thái Nguyên',
  responsible: 'Nguyễn Thúy Hằng - Phó Chủ tịch Ủy ban nhân dân huyện Phú Lương',
  phone: '02083874436',
  fax: '',
  email: 'bbt.phuluong@thainguyen.gov.vn',
  since: '2015',
  developer:
    'Phát triển bởi Unitech trên nền tảng Chính quyền điện tử (Da Nang Egov Platform) do UBND TP Đà Nẵng chuyển giao',
};

import { cidrContains, cidrSubnet, cidrsOverlap, formatCidr, iometeSubnetLayout, isNetworkAddress, parseCidr } from "../../config/cidr";

describe("CIDR arithmetic", () => {
  it("parses and formats IPv4 CIDRs", () => {
    expect(formatCidr(parseCidr("10.10.0.0/16")!)).toBe("10.10.0.0/16");
    expect(parseCidr("192.168.1.0/24")).toEqual({ network: 0xc0a80100, prefix: 24 });
  });

  it.each(["10.0.0.0/33", "10.0.0.256/16", "10.0.0/16", "10.0.0.0", "a.b.c.d/8", " 10.0.0.0/16", ""])("rejects %p", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it("knows a network address from a host address", () => {
    expect(isNetworkAddress(parseCidr("10.10.0.0/16")!)).toBe(true);
    expect(isNetworkAddress(parseCidr("10.10.1.0/16")!)).toBe(false);
    expect(isNetworkAddress(parseCidr("0.0.0.0/0")!)).toBe(true);
  });

  it("computes cidrsubnet like Terraform", () => {
    const vpc = parseCidr("10.10.0.0/16")!;
    expect(formatCidr(cidrSubnet(vpc, 4, 0))).toBe("10.10.0.0/20");
    expect(formatCidr(cidrSubnet(vpc, 4, 2))).toBe("10.10.32.0/20");
    expect(formatCidr(cidrSubnet(vpc, 3, 7))).toBe("10.10.224.0/19");
    expect(formatCidr(cidrSubnet(parseCidr("172.16.0.0/12")!, 4, 15))).toBe("172.31.0.0/16");
    expect(() => cidrSubnet(vpc, 3, 8)).toThrow(/does not fit in 3 new bits/);
    expect(() => cidrSubnet(parseCidr("10.0.0.0/30")!, 3, 0)).toThrow(/longer than \/32/);
  });

  it("tells containment and overlap", () => {
    const vpc = parseCidr("10.10.0.0/16")!;
    expect(cidrContains(vpc, parseCidr("10.10.224.0/19")!)).toBe(true);
    expect(cidrContains(vpc, parseCidr("10.11.0.0/20")!)).toBe(false);
    expect(cidrContains(parseCidr("10.10.0.0/20")!, vpc)).toBe(false);
    expect(cidrsOverlap(parseCidr("10.10.0.0/20")!, parseCidr("10.10.8.0/21")!)).toBe(true);
    expect(cidrsOverlap(parseCidr("10.10.0.0/20")!, parseCidr("10.10.16.0/20")!)).toBe(false);
  });

  it("reproduces IOMETE's subnet layout for three zones", () => {
    expect(iometeSubnetLayout("10.10.0.0/16", 3)).toEqual({
      publicCidrs: ["10.10.0.0/20", "10.10.16.0/20", "10.10.32.0/20"],
      privateCidrs: ["10.10.160.0/19", "10.10.192.0/19", "10.10.224.0/19"],
    });
  });

  it("scales the layout to smaller VPCs", () => {
    expect(iometeSubnetLayout("10.0.4.0/24", 2)).toEqual({
      publicCidrs: ["10.0.4.0/28", "10.0.4.16/28"],
      privateCidrs: ["10.0.4.160/27", "10.0.4.192/27"],
    });
  });
});

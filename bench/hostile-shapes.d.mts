export declare const hostileBodies: Record<string, (size: number) => string>;
export declare const largeBodies: Record<string, (size: number) => string>;
